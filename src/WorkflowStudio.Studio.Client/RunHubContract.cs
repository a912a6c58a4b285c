using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Studio.Client;

/// <summary>The run hub's address and method names, shared by the hub and its clients so neither spells them alone.</summary>
public static class RunHubContract
{
    public const string Path = "/hubs/runs";
    public const string StartRun = "StartRun";
    public const string Join = "Join";
    public const string Cancel = "Cancel";

    /// <summary>Marks the stream error of a client dropped for falling behind, so <see cref="RunHubClient"/> rejoins.</summary>
    public const string FellBehind = "fell behind";
}

/// <summary>
/// Starts a run of a saved version: <paramref name="Version"/> when given, else the version <paramref name="Tag"/> points
/// at, else the latest.
/// </summary>
public sealed record StartRunMessage(string WorkflowId, IReadOnlyDictionary<string, string> Inputs, int? Version = null, string? Tag = null);

public sealed record StartedRunMessage(string RunId, string WorkflowId, int VersionNumber);

/// <summary>
/// One event as sent over SignalR. The wrapper's property is typed <see cref="RunEvent"/>, so the JSON carries Core's
/// "type" discriminator and every client reads it back as the right event record.
/// </summary>
public sealed record RunEventMessage(RunEvent Event);
