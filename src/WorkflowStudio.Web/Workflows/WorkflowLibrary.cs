using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Workflows;

/// <summary>The workflow list's operations: create, duplicate, rename, import. Each returns the saved workflow.</summary>
public sealed class WorkflowLibrary(IWorkflowRepository repository)
{
    public const int MaxImportChars = 2_000_000;

    public async Task<Workflow> CreateAsync(NewWorkflowRequest request, CancellationToken ct = default)
    {
        var id = WorkflowIds.Unique(request.Name, await TakenIdsAsync(ct));
        var workflow = request.Template is { } template
            ? template.Workflow with { Id = id, Name = request.Name, Layout = LayeredLayout.Arrange(template.Workflow) }
            : new Workflow(id, request.Name);
        await repository.SaveAsync(workflow, ct: ct);
        return workflow;
    }

    public async Task<Workflow?> DuplicateAsync(string id, CancellationToken ct = default)
    {
        if (await repository.GetAsync(id, ct) is not { } source) return null;
        var name = $"{source.Name} (copy)";
        var copy = source with { Id = WorkflowIds.Unique(name, await TakenIdsAsync(ct)), Name = name };
        await repository.SaveAsync(copy, ct: ct);
        return copy;
    }

    public async Task<Workflow?> RenameAsync(string id, string name, CancellationToken ct = default)
    {
        if (await repository.GetAsync(id, ct) is not { } source) return null;
        var renamed = source with { Name = name };
        await repository.SaveAsync(renamed, ct: ct);
        return renamed;
    }

    /// <summary>
    /// Reads a workflow file, JSON or C# by its extension; an id already in use, or unusable as a file name, gets a fresh
    /// one so nothing is overwritten.
    /// </summary>
    public async Task<(Workflow? Workflow, string? Error)> ImportAsync(string fileName, string text, CancellationToken ct = default)
    {
        if (text.Length > MaxImportChars)
            return (null, $"The file is {text.Length:N0} characters; the most the studio imports is {MaxImportChars:N0}.");
        var (workflow, problems) = WorkflowCodecs.ForFile(fileName).Parse(text);
        if (workflow is null)
            return (null, string.Join(" ", problems.Take(3)));
        var taken = await TakenIdsAsync(ct);
        var imported = workflow with
        {
            Id = WorkflowIds.IsValid(workflow.Id) && !taken.Contains(workflow.Id) ? workflow.Id : WorkflowIds.Unique(workflow.Name, taken),
        };
        if (!imported.Nodes.All(n => imported.Layout.ContainsKey(n.Id)))
            imported = imported with { Layout = LayeredLayout.Arrange(imported) };
        await repository.SaveAsync(imported, ct: ct);
        return (imported, null);
    }

    private async Task<HashSet<string>> TakenIdsAsync(CancellationToken ct) =>
        (await repository.ListAsync(ct)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
}
