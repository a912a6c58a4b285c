using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly;
using Polly.Retry;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.Core.Ports;
using ChatResponseFormat = OpenAI.Chat.ChatResponseFormat;
using CoreChatMessage = WorkflowStudio.Core.Ports.ChatMessage;
using CoreChatRole = WorkflowStudio.Core.Ports.ChatRole;

namespace WorkflowStudio.AI.Models;

/// <summary>
/// The runner's way to a model: the offline model, or a configured provider through Semantic Kernel
/// with streaming, function calling over the tool registry, JSON-schema answers (one repair attempt),
/// retries for 429/5xx/timeouts (Polly, honouring retry-after), an optional fallback model, usage and cost.
/// A run's <see cref="ModelPolicy"/> (a deployment tag's settings, an evaluation's cache) overrides the configured
/// retries, timeout and fallback, and turns on the exact response cache (and, for a prompt step that opts in, the semantic one).
/// </summary>
public sealed class ModelGateway : IModelGateway
{
    private readonly ModelCatalog _catalog;
    private readonly ChatServiceFactory _services;
    private readonly ProviderChat _chat;
    private readonly OfflineModel _offline;
    private readonly ToolInvoker _tools;
    private readonly TokenCounter _tokens;
    private readonly PriceTable _prices;
    private readonly ModelOptions _options;
    private readonly ILogger<ModelGateway> _logger;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<(int Retries, TimeSpan Delay), ResiliencePipeline> _policyRetries = new();
    private readonly IModelCallObserver[] _observers;
    private readonly TimeProvider _time;
    private readonly ResponseCache? _cache;
    private readonly SemanticCache? _semantic;

    public ModelGateway(ModelCatalog catalog, ChatServiceFactory services, OfflineModel offline, IToolRegistry tools,
        TokenCounter tokens, ModelOptions options, ILogger<ModelGateway> logger,
        IEnumerable<IModelCallObserver>? observers = null, TimeProvider? time = null, ResponseCache? cache = null, SemanticCache? semantic = null)
    {
        _cache = cache;
        _semantic = semantic;
        _observers = observers?.ToArray() ?? [];
        _time = time ?? TimeProvider.System;
        _catalog = catalog;
        _services = services;
        _chat = new ProviderChat();
        _offline = offline;
        _tools = new ToolInvoker(tools);
        _tokens = tokens;
        _prices = new PriceTable(options.Prices);
        _options = options;
        _logger = logger;
        _retry = BuildRetry(_options.MaxRetries, TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds));
    }

    public string? CheckModel(string model) => _catalog.Check(model);

    public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var notes = new CallNotes();
        var policy = ModelCallScope.Current?.Policy;
        using var activity = ModelTelemetry.Start(request);
        try
        {
            var response = policy is { UseCache: true } && _cache is not null
                ? await CachedAsync(_cache, request, policy, onDelta, clock, notes, cancellationToken)
                : await CompleteCoreAsync(request, policy, onDelta, notes, cancellationToken);
            response = response with { Attempts = notes.Attempts };
            var call = new ModelCallObservation(ModelCallScope.Current, response.Model, request.Purpose, started, clock.Elapsed)
            {
                TimeToFirstToken = response.TimeToFirstToken, InputTokens = response.InputTokens, OutputTokens = response.OutputTokens,
                Cost = response.Cost, CacheHit = response.CacheHit, SemanticCacheHit = response.SemanticCacheHit, Attempts = response.Attempts, FallbackFrom = response.FallbackFrom,
                Messages = request.Messages, Answer = response.Text,
            };
            Report(call, activity);
            return response;
        }
        catch (Exception e)
        {
            var error = e as ModelException;
            var call = new ModelCallObservation(ModelCallScope.Current, request.Model, request.Purpose, started, clock.Elapsed)
            {
                Attempts = Math.Max(1, notes.Attempts), ErrorCode = error?.Code ?? (e is OperationCanceledException ? "cancelled" : "error"),
                Error = e.Message, Messages = request.Messages,
            };
            Report(call, activity);
            throw;
        }
    }

    // A hit costs nothing and calls no provider; its text still reaches the run as one delta, so the trace shows it.
    // A request that waited on an identical one in flight counts as a hit too: only one provider call was paid for.
    // A step that opts into the semantic cache looks for the exact answer first, then a close one, and only a fresh
    // answer (never an error, never a reused one) becomes an entry of its own.
    private async Task<ModelResponse> CachedAsync(ResponseCache cache, ModelRequest request, ModelPolicy policy, Action<string>? onDelta,
        Stopwatch clock, CallNotes notes, CancellationToken cancellationToken)
    {
        var key = ResponseCache.Key(request, policy.CacheVariant);
        SemanticProbe? probe = null;
        var missed = false;
        if (request.SemanticCacheThreshold is { } threshold && _semantic is not null && ModelCallScope.Current is { } scope)
        {
            if (await cache.FindAsync(key, cancellationToken) is { } exact) return Reused(exact, onDelta, clock);
            missed = true;
            probe = _semantic.Probe(request, scope, policy.CacheVariant, cancellationToken);
            if (probe is not null && await _semantic.FindAsync(probe, threshold, cancellationToken) is { } close
                                  && await cache.FindAsync(close.AnswerKey, cancellationToken) is { } similar)
                return Reused(similar, onDelta, clock) with { SemanticCacheHit = true };
        }

        ModelResponse? fresh = null;
        var (answer, hit) = await cache.GetOrAnswerAsync(key, async token =>
        {
            fresh = await CompleteCoreAsync(request, policy, onDelta, notes, token);
            return new CachedAnswer(fresh.Text, fresh.Model, fresh.InputTokens, fresh.OutputTokens, fresh.ToolCalls, fresh.FallbackFrom);
        }, cancellationToken, missed);
        if (hit || fresh is null) return Reused(answer, onDelta, clock);
        if (probe is not null) await _semantic!.AddAsync(probe, key, cancellationToken);
        return fresh;
    }

    private static ModelResponse Reused(CachedAnswer answer, Action<string>? onDelta, Stopwatch clock)
    {
        if (answer.Text.Length > 0) onDelta?.Invoke(answer.Text);
        return new ModelResponse(answer.Text, answer.Model)
        {
            InputTokens = answer.InputTokens, OutputTokens = answer.OutputTokens, Cost = 0, CacheHit = true,
            TimeToFirstToken = clock.Elapsed, ToolCalls = answer.ToolCalls, FallbackFrom = answer.FallbackFrom,
        };
    }

    // Recording must never fail or slow a call: observers only queue, and one that throws is logged and passed over.
    private void Report(ModelCallObservation call, Activity? activity)
    {
        ModelTelemetry.Finish(activity, call);
        foreach (var observer in _observers)
        {
            try
            {
                observer.Observe(call);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "A model-call observer failed; the call itself is unaffected");
            }
        }
    }

    private async Task<ModelResponse> CompleteCoreAsync(ModelRequest request, ModelPolicy? policy, Action<string>? onDelta, CallNotes notes, CancellationToken cancellationToken)
    {
        if (request.Messages.Count == 0) throw new ModelException("invalid_request", "A model request needs at least one message.", false);
        StructuredOutput? structured;
        try
        {
            structured = request.JsonSchema is { } schema ? new StructuredOutput(schema) : null;
        }
        catch (ArgumentException e)
        {
            throw new ModelException("invalid_schema", e.Message, false, null, e);
        }
        var model = _catalog.TryResolve(request.Model, out var problem) ?? throw new ModelException("unknown_model", problem!, false);
        if (model.IsOffline) return await OfflineAsync(model, request, structured, onDelta, notes, cancellationToken);
        var attempt = new AttemptRules(RetryFor(policy), policy?.AttemptTimeout ?? TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            return await CallProviderAsync(model, request, structured, onDelta, attempt, notes, cancellationToken);
        }
        // A stream cut midway already showed text: a fallback would append another model's answer to it, so only the runner may restart.
        catch (ModelException e) when (e is { Transient: true, Code: not ModelErrors.StreamInterrupted }
                                       && (policy?.FallbackModel ?? model.Provider!.Fallback) is { } fallbackName
                                       && !fallbackName.Equals(model.Name, StringComparison.OrdinalIgnoreCase))
        {
            var fallback = _catalog.TryResolve(fallbackName, out var fallbackProblem)
                ?? throw new ModelException(e.Code, $"{e.Message} The fallback model '{fallbackName}' cannot be used: {fallbackProblem}", true, e.RetryAfter, e);
            _logger.LogWarning("Model {Model} failed with {Code}; falling back to {Fallback}", model.Name, e.Code, fallback.Name);
            try
            {
                var answer = fallback.IsOffline
                    ? await OfflineAsync(fallback, request with { Model = fallback.Name }, structured, onDelta, notes, cancellationToken)
                    : await CallProviderAsync(fallback, request with { Model = fallback.Name }, structured, onDelta, attempt, notes, cancellationToken);
                return answer with { FallbackFrom = model.Name };
            }
            catch (ModelException f)
            {
                throw new ModelException(f.Code, $"{e.Message} The fallback model '{fallback.Name}' failed too: {f.Message}", f.Transient, f.RetryAfter, f);
            }
        }
    }

    /// <summary>The retries and the per-attempt timeout one call runs under.</summary>
    private sealed record AttemptRules(ResiliencePipeline Retry, TimeSpan Timeout);

    private ResiliencePipeline RetryFor(ModelPolicy? policy) => policy is null || (policy.Retries is null && policy.RetryDelay is null)
        ? _retry
        : _policyRetries.GetOrAdd((policy.Retries ?? _options.MaxRetries, policy.RetryDelay ?? TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds)),
            key => BuildRetry(key.Retries, key.Delay));

    // Priced like any model, so a price set for the offline model (0 unless configured) shows in the cost figures.
    private async Task<ModelResponse> OfflineAsync(ResolvedModel model, ModelRequest request, StructuredOutput? structured, Action<string>? onDelta,
        CallNotes notes, CancellationToken cancellationToken)
    {
        notes.Attempts++;
        var response = Checked(await _offline.CompleteAsync(request, onDelta, cancellationToken), structured);
        return response with { Cost = _prices.Cost(model, response.InputTokens, response.OutputTokens) };
    }

    /// <summary>What one call noted over its turns and retries (the monitoring side adds calls up in its own CallTally).</summary>
    private sealed class CallNotes
    {
        public int Attempts;
    }

    // The offline model builds JSON from the schema; schemas it cannot satisfy (patterns, $ref) fail as clearly as a hosted model's bad JSON.
    private static ModelResponse Checked(ModelResponse response, StructuredOutput? structured)
    {
        if (structured is null) return response;
        return structured.Validate(response.Text, out var problems) is not null
            ? response
            : throw new ModelException("invalid_json", $"The offline model could not produce JSON matching this schema: {problems}", false);
    }

    private async Task<ModelResponse> CallProviderAsync(ResolvedModel model, ModelRequest request, StructuredOutput? structured,
        Action<string>? onDelta, AttemptRules rules, CallNotes notes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        var service = _services.Get(model);
        var history = History(request.Messages);
        var functions = request.Tools.Count > 0 ? new ToolFunctions(request.Tools) : null;
        var settings = Settings(request, functions, allowTools: true);
        var (inputTokens, outputTokens) = (0, 0);

        async Task<ChatTurn> SendAsync(OpenAIPromptExecutionSettings turnSettings, bool stream, Action<string>? deltas)
        {
            var turn = await SendWithRetryAsync(service, history, turnSettings, model, stream, deltas, clock, t => firstToken ??= t, rules, notes, cancellationToken);
            inputTokens += turn.InputTokens ?? _tokens.Count(string.Join("\n", history.Select(m => m.Content)));
            outputTokens += turn.OutputTokens ?? _tokens.Count(turn.Text + string.Concat(turn.Calls.Select(c => c.FunctionName + c.Arguments)));
            return turn;
        }

        // A negative limit from a hand-written request means no tool rounds at all, not an error.
        var maxRounds = Math.Max(0, request.MaxToolRounds ?? _options.MaxToolRounds);
        var toolCalls = new List<ToolCall>();
        string text;
        for (var round = 1; ; round++)
        {
            var toolsAllowed = functions is not null && round <= maxRounds;
            var turn = await SendAsync(toolsAllowed ? settings : Settings(request, functions, allowTools: false), request.Stream, onDelta);
            if (!toolsAllowed || turn.Calls.Count == 0)
            {
                // The last round offers the tools with tool_choice "none"; a model that calls them anyway has no answer to give.
                if (turn.Calls.Count > 0 && string.IsNullOrWhiteSpace(turn.Text))
                    throw new ModelException("tool_rounds_exceeded",
                        $"Model '{model.Name}' kept calling tools ({string.Join(", ", turn.Calls.Select(c => c.FunctionName))}) after its limit of {maxRounds} {(maxRounds == 1 ? "round" : "rounds")} of tool calls, instead of answering.", false);
                text = turn.Text;
                break;
            }
            history.Add(turn.Message);
            foreach (var call in turn.Calls)
            {
                var invoked = await InvokeToolAsync(functions!, call, cancellationToken);
                toolCalls.Add(invoked.Call);
                history.Add(new FunctionResultContent(call, invoked.Call.Result).ToChatMessage());
            }
        }

        if (structured is not null)
        {
            var valid = structured.Validate(text, out var problems);
            if (valid is null)
            {
                _logger.LogInformation("Model {Model} answered JSON that does not match the schema ({Problems}); asking once for a repair", model.Name, problems);
                history.AddAssistantMessage(text);
                history.AddUserMessage($"That answer does not match the required JSON schema: {problems}. Reply with only the corrected JSON, no prose and no code fences.");
                var repair = await SendAsync(Settings(request, null, allowTools: false), stream: false, deltas: null);
                valid = structured.Validate(repair.Text, out problems) ?? throw new ModelException("invalid_json",
                    $"Model '{model.Name}' did not return JSON matching the schema, even after one repair attempt: {problems}", false);
            }
            text = valid;
        }

        return new ModelResponse(text, model.Name)
        {
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            Cost = _prices.Cost(model, inputTokens, outputTokens),
            TimeToFirstToken = firstToken,
            ToolCalls = toolCalls,
        };
    }

    private async Task<ChatTurn> SendWithRetryAsync(IChatCompletionService service, ChatHistory history, OpenAIPromptExecutionSettings settings,
        ResolvedModel model, bool stream, Action<string>? onDelta, Stopwatch clock, Action<TimeSpan> onFirstToken, AttemptRules rules, CallNotes notes,
        CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            return await rules.Retry.ExecuteAsync(async token =>
            {
                attempts++;
                notes.Attempts++;
                return await _chat.SendAsync(service, history, settings, model.Name, stream, onDelta, clock, onFirstToken, rules.Timeout, token);
            }, cancellationToken);
        }
        catch (ModelException e) when (e.Transient && attempts > 1)
        {
            throw new ModelException(e.Code, $"{e.Message} Gave up after {attempts} attempts.", true, e.RetryAfter, e.InnerException);
        }
    }

    // Only the tools this request offered may run, even when the model names another tool the registry has.
    private async Task<InvokedTool> InvokeToolAsync(ToolFunctions functions, FunctionCallContent call, CancellationToken cancellationToken)
    {
        var arguments = ToolFunctions.Arguments(call.Arguments);
        if (functions.Find(call.FunctionName) is not { } offered) return ToolInvoker.Missing(call.FunctionName, arguments);
        // SK records arguments it could not parse on the call instead of throwing; the model is told, and may send them again.
        return call.Exception is { } unreadable
            ? new InvokedTool(new ToolCall(offered.Name, arguments, $"Error: the arguments were not valid JSON ({unreadable.InnerException?.Message ?? unreadable.Message})"), Failed: true)
            : await _tools.InvokeAsync(offered.Name, arguments, cancellationToken);
    }

    private static OpenAIPromptExecutionSettings Settings(ModelRequest request, ToolFunctions? functions, bool allowTools) => new()
    {
        Temperature = request.Temperature,
        MaxTokens = request.MaxTokens,
        ResponseFormat = request.JsonSchema is { } schema
            ? ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString(schema), jsonSchemaIsStrict: false)
            : null,
        FunctionChoiceBehavior = functions is null ? null
            : allowTools ? FunctionChoiceBehavior.Auto(functions.Functions, autoInvoke: false)
            : FunctionChoiceBehavior.None(functions.Functions),
    };

    private static ChatHistory History(IEnumerable<CoreChatMessage> messages)
    {
        var history = new ChatHistory();
        foreach (var message in messages)
        {
            history.AddMessage(message.Role switch
            {
                CoreChatRole.System => AuthorRole.System,
                CoreChatRole.Assistant => AuthorRole.Assistant,
                _ => AuthorRole.User,
            }, message.Content);
        }
        return history;
    }

    private ResiliencePipeline BuildRetry(int retries, TimeSpan delay)
    {
        if (retries < 1) return ResiliencePipeline.Empty;
        var longestWait = TimeSpan.FromSeconds(_options.MaxRetryAfterSeconds);
        return new ResiliencePipelineBuilder { TimeProvider = _time }.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = retries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = delay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ModelException
            {
                Transient: true, Code: not ModelErrors.StreamInterrupted,
            } e && (e.RetryAfter is null || e.RetryAfter <= longestWait)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ModelException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            OnRetry = args =>
            {
                _logger.LogWarning("Model call failed ({Error}); retry {Attempt} in {Delay}", args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        }).Build();
    }
}
