namespace WorkflowStudio.Web.Runs;

/// <summary>Bound from "Studio:Limits" in appsettings.json.</summary>
public sealed class RunCoordinatorOptions
{
    public int RunTimeoutSeconds { get; set; } = 600;

    /// <summary>How long shutdown waits for cancelled runs to store their last events.</summary>
    public int ShutdownGraceSeconds { get; set; } = 10;
}
