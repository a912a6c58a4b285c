using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>What a <see cref="Scorer"/> reads, taken apart from the evaluator's messages, response and contexts.</summary>
public sealed record ScoringInput(string Output, string? Expected, string Question, RunMeasuresContext? Measures)
{
    /// <summary>The retrieved passages, when the scorer was given a retrieval step to read them from.</summary>
    public string? Passages { get; init; }

    public static ScoringInput From(IEnumerable<ChatMessage> messages, ChatResponse response, IEnumerable<EvaluationContext>? contexts)
    {
        string? expected = null;
        RunMeasuresContext? measures = null;
        string? passages = null;
        foreach (var context in contexts ?? [])
        {
            if (context is ExpectedContext e) expected = e.Expected;
            else if (context is RunMeasuresContext m) measures = m;
            else if (context is RetrievedContext r) passages = r.Passages;
        }
        var question = string.Join("\n", messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        return new ScoringInput(response.Text, expected, question, measures) { Passages = passages };
    }

    public string RequirePassages(string scorer) =>
        Passages ?? throw new ScorerException($"{scorer} needs the retrieved passages: the workflow has no retrieval step, or the scorer names none (context).");

    /// <summary>The expected value, or a failing score naming the scorer that needed one.</summary>
    public string RequireExpected(string scorer) =>
        Expected ?? throw new ScorerException($"{scorer} needs an expected value: give the case one, or the scorer a literal.");
}

/// <summary>A scorer that cannot score this case (no expected value, a bad schema); the case fails with this reason.</summary>
public sealed class ScorerException(string message) : Exception(message);
