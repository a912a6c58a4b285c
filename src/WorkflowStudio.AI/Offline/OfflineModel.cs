using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Text;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// The built-in model named "offline": no key, no network, same input → same output. It answers questions
/// from the evidence sentences of the context (or says the context does not answer), picks one label for
/// closed-label instructions, writes structured pieces from notes, judges by evidence, and for
/// tool-calling requests calls the tool whose description best matches the request.
/// </summary>
public sealed class OfflineModel(Embedder embedder, IToolRegistry tools, TokenCounter tokens, OfflineModelOptions options, TimeProvider? time = null)
{
    public const string Name = "offline";

    public const string Description =
        "Offline extractive model: no network or key. It answers from the prompt's context in the sentences that carry " +
        "the fact (MiniLM similarity plus exact numbers and names), cites them, says when the context does not answer, " +
        "picks one label when asked for one, judges by evidence and calls the best-matching tool.";

    // MiniLM cosine between related sentences sits around 0.3-0.8; this maps that band onto 0-1.
    private const double SimilarityFloor = 0.15;
    private const double SimilarityCeiling = 0.75;

    // Its JSON is shown as text in traces, so quotes and accents stay as written rather than \u escapes (the UI encodes what it shows).
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ToolInvoker _invoker = new(tools);
    private readonly QuestionAnswerer _answerer = new(new EvidenceSelector(embedder));
    private readonly ArticleWriter _writer = new(embedder);
    private readonly OfflineJudge _judge = new(embedder, new EvidenceSelector(embedder), new ClaimChecker(embedder));

    public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ToolCall> calls = [];
        string text;
        if (request.Purpose == ModelPurpose.Judge) text = Judge(request);
        // It makes one round of tool calls at most, so any limit above zero lets it call its tool.
        else if (request.Tools.Count > 0 && request.MaxToolRounds is not <= 0) (text, calls) = await AnswerWithToolAsync(request, cancellationToken);
        else text = Answer(request, PromptParts.From(request.Messages));

        TimeSpan? firstToken = null;
        var words = Words(text, request.JsonSchema is null && request.Purpose != ModelPurpose.Judge ? request.MaxTokens : int.MaxValue);
        var pause = PauseBetweenWords();
        foreach (var word in words)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pause > TimeSpan.Zero) await Task.Delay(pause, time ?? TimeProvider.System, cancellationToken);
            firstToken ??= clock.Elapsed;
            if (request.Stream) onDelta?.Invoke(word);
        }
        var answer = string.Concat(words);
        return new ModelResponse(answer, Name)
        {
            InputTokens = tokens.Count(request.Messages),
            OutputTokens = tokens.Count(answer),
            Cost = 0m,
            TimeToFirstToken = firstToken ?? clock.Elapsed,
            ToolCalls = calls,
        };
    }

    // The slower of the fixed latency (for load tests) and, when a person watches the run, the readable pace.
    private TimeSpan PauseBetweenWords()
    {
        var watched = OfflinePace.IsWatched && options.DesignerTokensPerSecond > 0 ? 1000.0 / options.DesignerTokensPerSecond : 0;
        return TimeSpan.FromMilliseconds(Math.Max(options.LatencyMsPerToken, watched));
    }

    private string Answer(ModelRequest request, PromptParts prompt)
    {
        var (answer, score) = Compose(request, prompt);
        return request.JsonSchema is null ? answer : Json(request.JsonSchema, answer, answer, score, prompt.Question);
    }

    private (string Text, double Score) Compose(ModelRequest request, PromptParts prompt)
    {
        if (LabelChoice.From(request.Messages) is { } choice)
            return (choice.Pick(embedder, string.Join("\n", request.Messages.Where(m => m.Role != ChatRole.System).Select(m => m.Content))), 1);
        if (prompt.Topic is { } topic) return (_writer.Write(topic, prompt.Context), 1);
        if (prompt.Context.Count == 0)
            return ("The offline model answers only from context given in the prompt, and this prompt gives none" +
                    (prompt.Question.Length > 0 ? $" for: {prompt.Question}" : "."), 0);
        if (prompt.IsQuestion)
        {
            var (text, strength) = _answerer.Answer(prompt.Question, prompt.Context);
            return (text, Normalise(strength));
        }
        return Quote(prompt);
    }

    /// <summary>For a prompt that asks no question (a ticket to reply to, notes to sum up): the context sentences most like it, in context order.</summary>
    private (string Text, double Score) Quote(PromptParts prompt)
    {
        var focus = embedder.Embed(prompt.Focus.Length > 0 ? prompt.Focus : prompt.Context[0].Text);
        var vectors = embedder.EmbedMany(prompt.Context.Select(c => c.Text).ToList());
        var ranked = Enumerable.Range(0, prompt.Context.Count)
            .Select(i => (Index: i, Score: (double)Embedder.Similarity(vectors[i], focus)))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Index)
            .Take(Math.Max(1, options.AnswerSentences))
            .ToList();
        var quoted = ranked.OrderBy(r => r.Index).Select(r => prompt.Context[r.Index]).ToList();
        return (ContextMarkup.WithSourcesLine(string.Join(" ", quoted.Select(q => q.Text)), quoted), Normalise(ranked[0].Score));
    }

    private string Judge(ModelRequest request)
    {
        var parts = JudgeParts.From(request.Messages);
        var (score, reason) = _judge.Judge(parts);
        if (request.JsonSchema is not null) return Json(request.JsonSchema, parts.Subject, reason, score, parts.Criteria);
        var (min, max) = JudgeParts.ScaleOf(request.Messages);
        var scaled = max == 5 ? Math.Round(min + score * (max - min)) : score;
        return new JsonObject { ["score"] = scaled, ["reason"] = reason }.ToJsonString(ReadableJson);
    }

    private async Task<(string Text, IReadOnlyList<ToolCall> Calls)> AnswerWithToolAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var prompt = PromptParts.From(request.Messages);
        var query = prompt.Question.Length > 0 ? prompt.Question : request.Messages[^1].Content;
        var queryVector = embedder.Embed(query);
        var descriptions = embedder.EmbedMany(request.Tools.Select(t => $"{t.Name}: {t.Description}").ToList());
        var best = Enumerable.Range(0, request.Tools.Count).MaxBy(i => Embedder.Similarity(descriptions[i], queryVector));
        var descriptor = request.Tools[best];

        var arguments = ToolArguments.Guess(descriptor.ParametersSchema, query, PickClosest(query));
        var invoked = await _invoker.InvokeAsync(descriptor.Name, arguments, cancellationToken);
        if (invoked.Failed) return ($"The offline model called {descriptor.Name}, which failed: {invoked.Call.Result}", [invoked.Call]);
        var result = invoked.Call.Result;
        // Short results (a calculation, a status) are the answer; long ones are context to quote from.
        var answer = result.Length <= 300 ? result.Trim() : Answer(request with { JsonSchema = null }, PromptParts.From(request.Messages, result));
        var text = $"[{descriptor.Name}] {answer}";
        return (request.JsonSchema is null ? text : Json(request.JsonSchema, text, text, 1, query), [invoked.Call]);
    }

    private string Json(string schema, string answer, string reason, double score, string question)
    {
        var filler = new SchemaFiller(answer, reason, score, PickClosest(question));
        return filler.Fill(SchemaFiller.ParseSchema(schema))?.ToJsonString(ReadableJson) ?? "null";
    }

    private Func<IReadOnlyList<string>, int> PickClosest(string text) => options =>
    {
        var target = embedder.Embed(text.Length > 0 ? text : " ");
        var vectors = embedder.EmbedMany(options);
        return Enumerable.Range(0, options.Count).MaxBy(i => Embedder.Similarity(vectors[i], target));
    };

    private static double Normalise(double similarity) =>
        Math.Clamp((similarity - SimilarityFloor) / (SimilarityCeiling - SimilarityFloor), 0, 1);

    // Words keep their trailing space so the chunks concatenate back into the answer exactly.
    private static List<string> Words(string text, int maxTokens)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length && words.Count < maxTokens; i++)
        {
            if (i < text.Length && text[i] != ' ') continue;
            var end = Math.Min(i + 1, text.Length);
            if (end > start) words.Add(text[start..end]);
            start = end;
        }
        return words;
    }
}
