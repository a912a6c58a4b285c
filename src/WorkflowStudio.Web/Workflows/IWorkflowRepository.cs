using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Workflows;

/// <summary>A saved workflow as the list shows it.</summary>
public sealed record WorkflowSummary(string Id, string Name, string? Description, int StepCount, DateTimeOffset SavedAt);

/// <summary>Where the designer and the workflow list keep the current definition of each workflow.</summary>
public interface IWorkflowRepository
{
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default);
    Task<Workflow?> GetAsync(string id, CancellationToken ct = default);
    Task SaveAsync(Workflow workflow, CancellationToken ct = default);
    Task<bool> DeleteAsync(string id, CancellationToken ct = default);
}
