namespace WorkflowStudio.Web.Runs;

/// <summary>Where a stored run opens: its trace on the designer's canvas, for every page that links to one.</summary>
public static class RunLinks
{
    public static string Trace(string workflowId, string runId) =>
        $"/designer/{Uri.EscapeDataString(workflowId)}?run={Uri.EscapeDataString(runId)}";
}
