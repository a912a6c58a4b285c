namespace WorkflowStudio.Studio.Configuration;

/// <summary>"Studio": where the data lives and who is named on what this studio saves.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The database, logs and indexes; relative paths are resolved as <see cref="StudioPaths"/> says.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The author of saves, restores and tag moves until sign-in names a user.</summary>
    public string Author { get; set; } = "studio";

    public LimitsOptions Limits { get; set; } = new();
}

/// <summary>"Studio:Limits": sizes and times that keep one workflow or run from taking the studio down.</summary>
public sealed class LimitsOptions
{
    public int MaxNodes { get; set; } = 2_000;

    public int MaxInputChars { get; set; } = 100_000;

    public int MaxTextChars { get; set; } = 100_000;

    public int RunTimeoutSeconds { get; set; } = 600;

    /// <summary>How long shutdown waits for cancelled runs to store their last events.</summary>
    public int ShutdownGraceSeconds { get; set; } = 10;

    /// <summary>
    /// How many live events a follower may have waiting before it is dropped and must rejoin; bounds the memory a slow
    /// or stuck client can hold on the server.
    /// </summary>
    public int FollowerCapacity { get; set; } = 4_096;

    /// <summary>Runs going at once across all users; a start past it is refused as busy, so one flood cannot exhaust the server or the provider keys.</summary>
    public int MaxConcurrentRuns { get; set; } = 16;

    /// <summary>Runs one user may have going at once, so one user cannot take every slot of <see cref="MaxConcurrentRuns"/>.</summary>
    public int MaxConcurrentRunsPerUser { get; set; } = 4;
}
