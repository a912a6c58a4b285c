using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>Cosine similarity of MiniLM embeddings of the output and the expected answer, at least <c>minimum</c>.</summary>
public sealed class SemanticSimilarityScorer(string name, Embedder embedder, double minimum = 0.8) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var expected = input.RequireExpected(Name).Trim();
        var output = input.Output.Trim();
        // An empty text has no meaning to embed: equal when both are empty, unrelated otherwise.
        double similarity = output.Length == 0 || expected.Length == 0
            ? (output.Length == expected.Length ? 1 : 0)
            : Embedder.Similarity(embedder.Embed(output), embedder.Embed(expected));
        return similarity >= minimum
            ? Scoring.Score.Pass(similarity, $"Meaning similarity {similarity:0.###} ≥ {minimum}.")
            : Scoring.Score.Fail(similarity, $"Meaning similarity {similarity:0.###} is below {minimum}.");
    }
}
