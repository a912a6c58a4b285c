using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Data.Identity;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Storage;

/// <summary>
/// Opens contexts on a database that is known to be ready: migrated and in WAL mode. That preparation happens once per
/// process, at start (see <see cref="StudioDataStartup"/>, which also marks the runs a previous process left running
/// as interrupted) or at the first use, whichever comes first.
/// </summary>
public sealed class StudioDatabase
{
    private readonly IDbContextFactory<StudioDbContext> _factory;
    private readonly DbContextOptions<StudioIdentityDbContext> _identity;
    private readonly IDbContextFactory<KnowledgeDbContext> _knowledge;
    private readonly TimeProvider _time;
    private readonly ILogger<StudioDatabase> _log;
    private readonly Lock _gate = new();
    private Task? _ready;

    public StudioDatabase(IDbContextFactory<StudioDbContext> factory, DbContextOptions<StudioIdentityDbContext> identity,
        IDbContextFactory<KnowledgeDbContext> knowledge, TimeProvider time, ILogger<StudioDatabase> log)
    {
        _factory = factory;
        _identity = identity;
        _knowledge = knowledge;
        _time = time;
        _log = log;
    }

    /// <summary>
    /// Prepares the database if this process has not yet. A failed preparation (a locked or unwritable file) is tried
    /// again by the next caller rather than remembered.
    /// </summary>
    public Task EnsureReadyAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled) _ready = Task.Run(InitializeAsync);
            return _ready.WaitAsync(ct);
        }
    }

    /// <summary>
    /// Prepares a new, throwaway file (the CLI's temporary evaluation database) without migrations: the tables come from
    /// <see cref="ThrowawaySchema"/>, the script of what the contexts' models create, so no model (neither a migration's
    /// nor a context's) is built for them; that was most of `studio eval`'s set-up. Such a file has
    /// no migration history and none of the triggers the migrations add as a last defence against raw SQL rewriting
    /// versions, so it is for a process that deletes it when done, never for a database that is kept.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database was already prepared.</exception>
    public Task PrepareThrowawayAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_ready is not null) throw new InvalidOperationException("The database is already prepared; a throwaway schema is only for a new file.");
            _ready = Task.Run(CreateTablesAsync);
            return _ready.WaitAsync(ct);
        }
    }

    public async Task<StudioDbContext> OpenAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await _factory.CreateDbContextAsync(ct);
    }

    /// <summary>The security tables (accounts, audit log), once the database is ready.</summary>
    public async Task<StudioIdentityDbContext> OpenSecurityAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return new StudioIdentityDbContext(_identity);
    }

    /// <summary>
    /// Marks the runs a previous process left running as <see cref="RunStatus.Interrupted"/> and returns their ids. The
    /// studio's host does it as it starts, before it starts runs of its own; a command-line process never does, since it
    /// may share the file with a studio whose runs are going.
    /// </summary>
    public async Task<IReadOnlyList<string>> MarkInterruptedRunsAsync(CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var interrupted = await MarkInterruptedAsync(db);
        if (interrupted.Count > 0)
            _log.LogWarning("Marked {Count} runs left running by a previous process as interrupted: {RunIds}", interrupted.Count, interrupted);
        return interrupted;
    }

    private async Task InitializeAsync()
    {
        await using var db = await _factory.CreateDbContextAsync();
        // WAL is a property of the file, so setting it once is enough; readers then never wait on the event writer.
        // Set before migrating, a fresh file's migrations commit without a sync each (synchronous=NORMAL in WAL).
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await MigrateIfBehindAsync(db.Database);
        await using (var accounts = new StudioIdentityDbContext(_identity))
            await MigrateIfBehindAsync(accounts.Database);
        await using (var knowledge = await _knowledge.CreateDbContextAsync())
            await MigrateIfBehindAsync(knowledge.Database);
    }

    private async Task CreateTablesAsync()
    {
        // Through a context, so its set-up (services, model) is paid here, which the CLI overlaps with reading the
        // workflow, rather than by the first store call.
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; BEGIN;\n" + ThrowawaySchema.Script + "\nCOMMIT;";
        await command.ExecuteNonQueryAsync();
    }

    // Migrating a file with nothing to apply still builds every migration's model to look for model changes no migration
    // has (over a second of a CLI command that opens the file); that check belongs to development, where the tests make
    // it, so a file whose history already lists every migration is left as it is.
    private static async Task MigrateIfBehindAsync(DatabaseFacade database)
    {
        if ((await database.GetPendingMigrationsAsync()).Any()) await database.MigrateAsync();
    }

    private async Task<IReadOnlyList<string>> MarkInterruptedAsync(StudioDbContext db)
    {
        var running = await db.Runs.Where(r => r.Status == RunStatus.Running).ToListAsync();
        foreach (var run in running)
        {
            var lastEvent = await db.RunEvents.Where(e => e.RunId == run.Id)
                .OrderByDescending(e => e.Sequence).Select(e => (DateTimeOffset?)e.Timestamp).FirstOrDefaultAsync();
            var ended = lastEvent ?? _time.GetUtcNow();
            run.Status = RunStatus.Interrupted;
            run.EndedAt = ended;
            run.DurationMs = (long)(ended - run.StartedAt).TotalMilliseconds;
            run.Error = "The studio stopped while this run was going; the events up to that moment are kept.";
        }
        await db.SaveChangesAsync();
        return [.. running.Select(r => r.Id)];
    }
}
