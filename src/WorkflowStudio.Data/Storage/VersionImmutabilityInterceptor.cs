using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WorkflowStudio.Data.Entities;

namespace WorkflowStudio.Data.Storage;

/// <summary>
/// Refuses to save a changed or deleted version with a clear message; the database trigger behind it
/// catches anything that goes around the context. Versions go away only with their workflow.
/// </summary>
internal sealed class VersionImmutabilityInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<VersionRow>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new VersionImmutableException(
                    $"Version {entry.Entity.Number} of '{entry.Entity.WorkflowId}' is saved history and cannot be changed; save a new version instead.");
        }
    }
}
