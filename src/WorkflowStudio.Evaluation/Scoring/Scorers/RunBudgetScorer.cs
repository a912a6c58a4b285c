namespace WorkflowStudio.Evaluation.Scoring.Scorers;

public enum Budget { LatencyMs, Tokens, Cost }

/// <summary>The run stayed within a budget of latency, tokens or cost. The value is what it used.</summary>
public sealed class RunBudgetScorer(string name, Budget budget, double maximum) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var measures = input.Measures ?? throw new ScorerException($"{Name} needs the run's measures.");
        var (used, unit) = budget switch
        {
            Budget.LatencyMs => (measures.Latency.TotalMilliseconds, "ms"),
            Budget.Tokens => (measures.Tokens, "tokens"),
            _ => ((double)measures.Cost, "cost"),
        };
        return used <= maximum
            ? Scoring.Score.Pass(used, $"{used:0.####} {unit}, within {maximum}.")
            : Scoring.Score.Fail(used, $"{used:0.####} {unit}, over the budget of {maximum}.");
    }
}
