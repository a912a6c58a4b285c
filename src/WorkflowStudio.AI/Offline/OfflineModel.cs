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
/// The built-in model named "offline": no key, no network, same input → same output. It answers by
/// quoting the context sentences most similar to the question (MiniLM), judges by similarity, and
/// for tool-calling requests calls the tool whose description best matches the request.
/// </summary>
public sealed class OfflineModel(Embedder embedder, IToolRegistry tools, TokenCounter tokens, OfflineModelOptions options)
{
    public const string Name = "offline";

    public const string Description =
        "Offline extractive model: no network or key. It answers by quoting the sentences of the prompt's context " +
        "most similar to the question (MiniLM embeddings), judges by similarity, and calls the best-matching tool.";

    // MiniLM cosine between related sentences sits around 0.3-0.8; this maps that band onto 0-1.
    private const double SimilarityFloor = 0.15;
    private const double SimilarityCeiling = 0.75;
    private const double SupportedAt = 0.5;

    // Its JSON is shown as text in traces, so quotes and accents stay as written rather than \u escapes (the UI encodes what it shows).
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ToolInvoker _invoker = new(tools);

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
        foreach (var word in words)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.LatencyMsPerToken > 0) await Task.Delay(options.LatencyMsPerToken, cancellationToken);
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

    private string Answer(ModelRequest request, PromptParts prompt)
    {
        var (quoted, score) = Extract(prompt);
        var answer = quoted.Count > 0
            ? WithSources(string.Join(" ", quoted.Select(q => q.Text)), ContextMarkup.SourcesLine(quoted))
            : "The offline model answers only from context given in the prompt, and this prompt gives none" +
              (prompt.Question.Length > 0 ? $" for: {prompt.Question}" : ".");
        return request.JsonSchema is null ? answer : Json(request.JsonSchema, answer, answer, score, prompt.Question);
    }

    /// <summary>The context sentences most similar to the question, in the order the context gives them.</summary>
    private (IReadOnlyList<ContextSentence> Sentences, double Score) Extract(PromptParts prompt)
    {
        if (prompt.Context.Count == 0) return ([], 0);
        var question = embedder.Embed(prompt.Focus.Length > 0 ? prompt.Focus : prompt.Context[0].Text);
        var vectors = embedder.EmbedMany(prompt.Context.Select(c => c.Text).ToList());
        var ranked = Enumerable.Range(0, prompt.Context.Count)
            .Select(i => (Index: i, Score: (double)Embedder.Similarity(vectors[i], question)))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Index)
            .Take(Math.Max(1, options.AnswerSentences))
            .ToList();
        return (ranked.OrderBy(r => r.Index).Select(r => prompt.Context[r.Index]).ToList(), Normalise(ranked[0].Score));
    }

    private static string WithSources(string answer, string sourcesLine) =>
        sourcesLine.Length == 0 ? answer : answer + "\n\n" + sourcesLine;

    private string Judge(ModelRequest request)
    {
        var parts = JudgeParts.From(request.Messages);
        double score;
        string reason;
        if (string.IsNullOrWhiteSpace(parts.Subject))
        {
            score = 0;
            reason = JudgeReason.Empty;
        }
        else
        {
            var claims = ContextMarkup.WithoutSourcesLine(parts.Subject);
            var subject = embedder.Embed(claims);
            var criteria = parts.Criteria.Length > 0 ? parts.Criteria : parts.Reference ?? parts.Subject;
            var relevance = Normalise(Embedder.Similarity(subject, embedder.Embed(criteria)));
            if (parts.Reference is { Length: > 0 } reference)
            {
                var (supported, total, unsupported) = Support(claims, reference);
                var grounding = total == 0 ? 0 : (double)supported / total;
                var agreement = Normalise(Embedder.Similarity(subject, embedder.Embed(reference)));
                score = (relevance + grounding + agreement) / 3;
                reason = JudgeReason.WithReference(relevance, agreement, supported, total, unsupported);
            }
            else
            {
                score = relevance;
                reason = JudgeReason.RubricOnly(relevance);
            }
        }
        score = Math.Round(score, 2);
        if (request.JsonSchema is not null) return Json(request.JsonSchema, parts.Subject, reason, score, parts.Criteria);
        var (min, max) = JudgeParts.ScaleOf(request.Messages);
        var scaled = max == 5 ? Math.Round(min + score * (max - min)) : score;
        return new JsonObject { ["score"] = scaled, ["reason"] = reason }.ToJsonString(ReadableJson);
    }

    /// <summary>How many of the subject's sentences some reference sentence backs, and the first one none does.</summary>
    private (int Supported, int Total, string? FirstUnsupported) Support(string subject, string reference)
    {
        var claims = Sentences.Split(subject);
        var evidence = ContextMarkup.Read(reference).Select(s => s.Text).ToList();
        if (claims.Count == 0 || evidence.Count == 0) return (0, claims.Count, claims.FirstOrDefault());
        var claimVectors = embedder.EmbedMany(claims);
        var evidenceVectors = embedder.EmbedMany(evidence);
        var backed = claimVectors.Select(c => evidenceVectors.Max(e => Embedder.Similarity(c, e)) >= SupportedAt).ToList();
        var firstUnsupported = backed.IndexOf(false);
        return (backed.Count(b => b), claims.Count, firstUnsupported < 0 ? null : claims[firstUnsupported]);
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
