namespace WorkflowStudio.Core.Ports;

/// <summary>
/// Who is asking a model: the workflow, version and tag of the run, the run and the step. The runner sets it around
/// each step's work, so whatever records model calls (the gateway) can label them without every executor passing it on.
/// </summary>
public sealed record ModelCallScope(string WorkflowId, int? Version, string? Tag, string RunId, string StepId, int Iteration)
{
    /// <summary>The run's retry, fallback and cache policy; null means the gateway's defaults and no cache.</summary>
    public ModelPolicy? Policy { get; init; }

    private static readonly AsyncLocal<ModelCallScope?> Ambient = new();

    /// <summary>The step whose work is running on this async flow; null outside a run (a judge scorer, a direct call).</summary>
    public static ModelCallScope? Current => Ambient.Value;

    /// <summary>Makes <paramref name="scope"/> current for this flow and what it starts; returns the one to put back.</summary>
    internal static ModelCallScope? Enter(ModelCallScope? scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return previous;
    }
}
