namespace WorkflowStudio.Web.Runs;

/// <summary>Bound from "Studio:Limits" in appsettings.json.</summary>
public sealed class RunCoordinatorOptions
{
    public int RunTimeoutSeconds { get; set; } = 600;

    /// <summary>How long shutdown waits for cancelled runs to store their last events.</summary>
    public int ShutdownGraceSeconds { get; set; } = 10;

    /// <summary>
    /// How many live events a follower (a hub stream) may have waiting before it is dropped and must rejoin; bounds the
    /// memory a slow or stuck client can hold on the server.
    /// </summary>
    public int FollowerCapacity { get; set; } = 4_096;
}
