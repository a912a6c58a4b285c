using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>What a <see cref="Scorer"/> reads, taken apart from the evaluator's messages, response and contexts.</summary>
public sealed record ScoringInput(string Output, string? Expected, string Question, RunMeasuresContext? Measures)
{
    public static ScoringInput From(IEnumerable<ChatMessage> messages, ChatResponse response, IEnumerable<EvaluationContext>? contexts)
    {
        string? expected = null;
        RunMeasuresContext? measures = null;
        foreach (var context in contexts ?? [])
        {
            if (context is ExpectedContext e) expected = e.Expected;
            else if (context is RunMeasuresContext m) measures = m;
        }
        var question = string.Join("\n", messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        return new ScoringInput(response.Text, expected, question, measures);
    }

    /// <summary>The expected value, or a failing score naming the scorer that needed one.</summary>
    public string RequireExpected(string scorer) =>
        Expected ?? throw new ScorerException($"{scorer} needs an expected value: give the case one, or the scorer a literal.");
}

/// <summary>A scorer that cannot score this case (no expected value, a bad schema); the case fails with this reason.</summary>
public sealed class ScorerException(string message) : Exception(message);
