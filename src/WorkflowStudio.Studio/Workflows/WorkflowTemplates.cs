using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Evaluation.Gate;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>A ready-made workflow to start from.</summary>
public sealed record WorkflowTemplate(string Id, Workflow Workflow)
{
    public string Name => Workflow.Name;
    public string Description => Workflow.Description ?? "";
}

/// <summary>The templates shipped under templates/ beside the app, read once.</summary>
public sealed class WorkflowTemplates(StudioPaths paths, ILogger<WorkflowTemplates> logger)
{
    private readonly Lazy<IReadOnlyList<WorkflowTemplate>> _all = new(() => Load(paths.TemplatesDirectory, logger));

    public IReadOnlyList<WorkflowTemplate> All => _all.Value;

    public WorkflowTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    private static IReadOnlyList<WorkflowTemplate> Load(string directory, ILogger logger)
    {
        if (!Directory.Exists(directory)) return [];
        var templates = new List<WorkflowTemplate>();
        // A template's eval file (its dataset, scorers and thresholds for `studio eval`) sits beside it and is not a template.
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Where(f => !f.EndsWith(EvalFile.Suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (WorkflowJson.TryDeserialize(File.ReadAllText(file), out var workflow, out var error))
                templates.Add(new WorkflowTemplate(Path.GetFileNameWithoutExtension(file), workflow!));
            else
                logger.LogWarning("Skipping template {File}: {Problem}", file, error!.ToString());
        }
        return templates;
    }
}
