using System.Text.RegularExpressions;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Offline;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>
/// Answer relevance: how closely the answer addresses the question, as the MiniLM cosine of the two. An answer that
/// declines does not answer, so it scores 0 here; whether declining was right is faithfulness's and the judge's call.
/// </summary>
public sealed partial class AnswerRelevanceScorer(string name, Embedder embedder, double minimum = 0.5) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var question = Question(input.Question);
        var answer = input.Output.Trim();
        if (question.Length == 0) throw new ScorerException($"{Name} needs the case's question among its inputs.");
        if (answer.Length == 0) return Scoring.Score.Fail(0, "The answer is empty.");
        if (Abstention.IsDecline(answer)) return Scoring.Score.Fail(0, "The answer declines instead of answering.");
        var similarity = (double)Embedder.Similarity(embedder.Embed(question), embedder.Embed(answer));
        return similarity >= minimum
            ? Scoring.Score.Pass(similarity, $"Relevance {similarity:0.###} ≥ {minimum}.")
            : Scoring.Score.Fail(similarity, $"Relevance {similarity:0.###} is below {minimum}: the answer is about something else.");
    }

    // The evaluation hands scorers the case's inputs as "name: value" lines; the question is the values.
    private static string Question(string inputs) => InputName().Replace(inputs, "").Trim();

    [GeneratedRegex(@"^[\w.-]+: ", RegexOptions.Multiline)]
    private static partial Regex InputName();
}
