namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>Normalised edit similarity (1 − distance / length) to the expected value, at least <c>minimum</c>.</summary>
public sealed class EditSimilarityScorer(string name, double minimum) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var similarity = EditDistance.Similarity(input.Output.Trim(), input.RequireExpected(Name).Trim());
        return similarity >= minimum
            ? Scoring.Score.Pass(similarity, $"Similarity {similarity:0.###} ≥ {minimum}.")
            : Scoring.Score.Fail(similarity, $"Similarity {similarity:0.###} is below {minimum}.");
    }
}
