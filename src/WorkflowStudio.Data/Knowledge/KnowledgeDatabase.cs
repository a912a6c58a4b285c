using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Knowledge;

/// <summary>
/// Opens knowledge contexts once the studio's database is ready; its preparation migrates the knowledge tables with
/// the others, so the migration histories never race on one file.
/// </summary>
public sealed class KnowledgeDatabase(IDbContextFactory<KnowledgeDbContext> factory, StudioDatabase studio)
{
    public Task EnsureReadyAsync(CancellationToken ct = default) => studio.EnsureReadyAsync(ct);

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
}
