namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>At most <c>maxDistance</c> edits from the expected value. The value is the distance.</summary>
public sealed class LevenshteinScorer(string name, int maxDistance) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var distance = EditDistance.Between(input.Output.Trim(), input.RequireExpected(Name).Trim());
        return distance <= maxDistance
            ? Scoring.Score.Pass(distance, $"{distance} edits from the expected value (at most {maxDistance}).")
            : Scoring.Score.Fail(distance, $"{distance} edits from the expected value; at most {maxDistance} pass.");
    }
}
