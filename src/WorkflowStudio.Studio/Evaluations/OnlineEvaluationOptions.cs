namespace WorkflowStudio.Studio.Evaluations;

/// <summary>"Studio:OnlineEvaluation": scoring a sample of deployments' live runs in the background.</summary>
public sealed class OnlineEvaluationOptions
{
    public const string Section = "Studio:OnlineEvaluation";

    /// <summary>Sampled runs waiting to be scored; past this, a sampled run is counted as dropped, never waited for.</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Sampled runs scored at once (each waits for its run to end, then runs the scorers).</summary>
    public int Workers { get; set; } = 2;
}
