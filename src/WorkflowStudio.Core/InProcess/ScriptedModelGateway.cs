using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Core.InProcess;

/// <summary>
/// A deterministic in-process model for tests and headless runs: answers with a function of the request
/// (by default it restates the last user message), streams word by word, and answers judge requests with a passing score.
/// A latency stands in for a hosted model's round trip, so concurrency and time limits can be tried without one.
/// </summary>
public sealed class ScriptedModelGateway(Func<ModelRequest, string>? respond = null, TimeSpan? delayPerWord = null, TimeSpan latency = default) : IModelGateway
{
    public const string JudgeVerdict = """{"score": 1, "reason": "Scripted judge: always passes."}""";

    private readonly Func<ModelRequest, string> _respond = respond ?? Default;

    public int Calls => _calls;
    private int _calls;

    public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (latency > TimeSpan.Zero) await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        var text = _respond(request);
        if (onDelta is not null || delayPerWord is not null)
        {
            foreach (var word in SplitWords(text))
            {
                if (delayPerWord is { } delay) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                onDelta?.Invoke(word);
            }
        }
        var inputWords = request.Messages.Sum(m => CountWords(m.Content));
        return new ModelResponse(text, request.Model) { InputTokens = inputWords, OutputTokens = CountWords(text) };
    }

    public static string Default(ModelRequest request) =>
        request.Purpose == ModelPurpose.Judge ? JudgeVerdict : "Answer: " + request.Messages[^1].Content;

    /// <summary>
    /// Answers with a Liquid template (sandboxed like every template of the studio) over the request: <c>prompt</c> (the
    /// last user message), <c>system</c>, <c>model</c> and <c>purpose</c> (chat or judge).
    /// </summary>
    /// <exception cref="TemplateException">The template does not parse.</exception>
    public static Func<ModelRequest, string> TemplateReply(ParsedTemplate template)
    {
        if (template.Error is not null) throw new TemplateException(template.Error);
        return request => TemplateEngine.Render(template, name => name switch
        {
            "prompt" => request.Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Content ?? "",
            "system" => request.Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Content ?? "",
            "model" => request.Model,
            "purpose" => request.Purpose == ModelPurpose.Judge ? "judge" : "chat",
            _ => null,
        });
    }

    private static IEnumerable<string> SplitWords(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
            if (i == text.Length || (text[i] == ' ' && text[i - 1] != ' '))
            {
                yield return text[start..i];
                start = i;
            }
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
