using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Studio.Versions.Diff;

/// <summary>
/// Two versions side by side: the node-level diff for the canvas and a text diff for the code panel.
/// The text is the generated C# when both versions have it, otherwise the definition JSON of both, so like is compared with like.
/// </summary>
public sealed record VersionComparison(VersionSummary Before, VersionSummary After, WorkflowDiff Nodes, TextDiff Text, bool TextIsCode)
{
    public static VersionComparison Of(WorkflowVersion before, WorkflowVersion after)
    {
        var textIsCode = before.Code is not null && after.Code is not null;
        var text = textIsCode
            ? TextDiffer.Compare(before.Code!, after.Code!)
            : TextDiffer.Compare(before.DefinitionJson, after.DefinitionJson);
        return new VersionComparison(before.Summary, after.Summary, WorkflowDiffer.Compare(before.Definition, after.Definition), text, textIsCode);
    }
}
