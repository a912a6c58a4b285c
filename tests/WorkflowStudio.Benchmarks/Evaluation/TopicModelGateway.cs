using System.Text.RegularExpressions;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Benchmarks.Evaluation;

/// <summary>The G-eval test model: answers "answer-i (tT)" for "Question number i about topic T", after a fixed delay.</summary>
internal sealed partial class TopicModelGateway(TimeSpan delay) : IModelGateway
{
    public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
        return new ModelResponse(Answer(request.Messages[^1].Content), request.Model) { InputTokens = 12, OutputTokens = 3 };
    }

    /// <summary>"answer-i (tT)" for a prompt that asks "Question number i about topic (T)".</summary>
    public static string Answer(string prompt)
    {
        var match = Question().Match(prompt);
        return $"answer-{match.Groups[1].Value} (t{match.Groups[2].Value})";
    }

    [GeneratedRegex(@"Question number (\d+) about topic \((\d+)\)")]
    private static partial Regex Question();
}
