namespace WorkflowStudio.Evaluation.Running;

/// <summary>Host-wide limits on evaluations, checked when the services are registered.</summary>
public sealed record EvaluationOptions
{
    public int MaxConcurrency { get; init; } = 256;
    public int MaxRepeats { get; init; } = 20;
    /// <summary>Most results stored in one transaction.</summary>
    public int ResultBatchSize { get; init; } = 500;

    public void Validate()
    {
        if (MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), "At least one case must be able to run.");
        if (MaxRepeats < 1) throw new ArgumentOutOfRangeException(nameof(MaxRepeats), "Every case runs at least once.");
        if (ResultBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(ResultBatchSize), "A batch holds at least one result.");
    }
}
