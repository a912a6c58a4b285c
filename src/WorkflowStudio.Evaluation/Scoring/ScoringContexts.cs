using Microsoft.Extensions.AI.Evaluation;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>The ground truth a scorer compares against: the case's expected value, or the scorer's own literal.</summary>
public sealed class ExpectedContext(string expected) : EvaluationContext(ContextName, expected)
{
    public const string ContextName = "Expected";
    public string Expected { get; } = expected;
}

/// <summary>What the run cost and how long it took, for the latency, token and cost thresholds.</summary>
public sealed class RunMeasuresContext(TimeSpan latency, int tokens, decimal cost)
    : EvaluationContext(ContextName, $"latency {latency.TotalMilliseconds:0} ms, {tokens} tokens, cost {cost}")
{
    public const string ContextName = "Run measures";
    public TimeSpan Latency { get; } = latency;
    public int Tokens { get; } = tokens;
    public decimal Cost { get; } = cost;
}

/// <summary>The passages a retrieval step returned for the case: what the RAG scorers hold an answer and the expected facts to.</summary>
public sealed class RetrievedContext(string passages) : EvaluationContext(ContextName, passages)
{
    public const string ContextName = "Retrieved passages";
    public string Passages { get; } = passages;
}
