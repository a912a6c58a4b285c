using System.Text.RegularExpressions;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Benchmarks.Evaluation;

/// <summary>The G-eval test model: answers "answer-i (tT)" for "Question number i about topic T", after a fixed delay.</summary>
internal sealed partial class TopicModelGateway(TimeSpan delay) : IModelGateway
{
    public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
        var match = Question().Match(request.Messages[^1].Content);
        return new ModelResponse($"answer-{match.Groups[1].Value} (t{match.Groups[2].Value})", request.Model) { InputTokens = 12, OutputTokens = 3 };
    }

    [GeneratedRegex(@"Question number (\d+) about topic \((\d+)\)")]
    private static partial Regex Question();
}
