using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Runs;

/// <summary>
/// Starts a run of a saved version: <paramref name="Version"/> when given, else the version <paramref name="Tag"/> points
/// at, else the latest. <paramref name="StartedBy"/> is used when the connection carries no signed-in user.
/// </summary>
public sealed record StartRunRequest(string WorkflowId, IReadOnlyDictionary<string, string> Inputs, int? Version = null, string? Tag = null, string? StartedBy = null);

public sealed record StartedRun(string RunId, string WorkflowId, int VersionNumber);

/// <summary>
/// One event as sent over SignalR. The wrapper's property is typed <see cref="RunEvent"/>, so the JSON carries Core's
/// "type" discriminator and every client reads it back as the right event record.
/// </summary>
public sealed record RunEventMessage(RunEvent Event);
