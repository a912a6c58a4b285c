using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Knowledge;

/// <summary>
/// Opens knowledge contexts on a file whose knowledge tables are migrated. The studio's own preparation (WAL mode,
/// its migrations) runs first, so the two migration histories never race on one file.
/// </summary>
public sealed class KnowledgeDatabase(IDbContextFactory<KnowledgeDbContext> factory, StudioDatabase studio)
{
    private readonly Lock _gate = new();
    private Task? _ready;

    public Task EnsureReadyAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled) _ready = Task.Run(MigrateAsync);
            return _ready.WaitAsync(ct);
        }
    }

    public async Task<KnowledgeDbContext> OpenAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return await factory.CreateDbContextAsync(ct);
    }

    /// <summary>For the few reads that must be synchronous (the names a step's picker offers).</summary>
    public KnowledgeDbContext Open()
    {
        EnsureReadyAsync().GetAwaiter().GetResult();
        return factory.CreateDbContext();
    }

    private async Task MigrateAsync()
    {
        await studio.EnsureReadyAsync();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
