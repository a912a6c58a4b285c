using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Web.Designer.Panels.Code;

/// <summary>A problem as a Monaco model marker (1-based, end exclusive), the shape studio.codeEditor.setMarkers takes.</summary>
public sealed record EditorMarker(int StartLineNumber, int StartColumn, int EndLineNumber, int EndColumn, string Message)
{
    /// <summary>The markers for the problems that have a position; without an end, a marker starts and ends at the same
    /// place and the browser widens it to the word there.</summary>
    public static IReadOnlyList<EditorMarker> For(IEnumerable<CodeProblem> problems) =>
    [
        .. problems.Where(p => p.Line is not null).Select(p =>
        {
            var line = p.Line!.Value;
            var column = p.Column ?? 1;
            return new EditorMarker(line, column, p.EndLine ?? line, p.EndLine is null ? column : p.EndColumn ?? column, p.Message);
        }),
    ];
}
