using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using WorkflowStudio.Core.Ports;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;

namespace WorkflowStudio.AI.Models;

/// <summary>One exchange with a provider's chat service: streamed or not, text and any function calls, and the usage it reported.</summary>
public sealed record ChatTurn(string Text, ChatMessageContent Message, IReadOnlyList<FunctionCallContent> Calls, int? InputTokens, int? OutputTokens);

/// <summary>
/// Sends one turn through Semantic Kernel with an idle timeout: a call (or, when streaming, the gap
/// between chunks) that takes longer than the timeout fails as a transient timeout.
/// </summary>
public sealed class ProviderChat
{
    private static readonly Kernel EmptyKernel = new();

    public async Task<ChatTurn> SendAsync(IChatCompletionService service, ChatHistory history, OpenAIPromptExecutionSettings settings,
        string model, bool stream, Action<string>? onDelta, Stopwatch clock, Action<TimeSpan> onFirstToken, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(timeout);
        var emitted = false;
        try
        {
            if (!stream)
            {
                var message = (await service.GetChatMessageContentsAsync(history, settings, EmptyKernel, idle.Token)).Single();
                onFirstToken(clock.Elapsed);
                var (input, output) = Usage(message.Metadata);
                return new ChatTurn(message.Content ?? "", message, FunctionCallContent.GetFunctionCalls(message).ToList(), input, output);
            }

            var text = new StringBuilder();
            var calls = new FunctionCallContentBuilder();
            int? inputTokens = null, outputTokens = null;
            var finished = false;
            await foreach (var chunk in service.GetStreamingChatMessageContentsAsync(history, settings, EmptyKernel, idle.Token))
            {
                idle.CancelAfter(timeout);
                calls.Append(chunk);
                finished |= chunk.Metadata?.GetValueOrDefault("FinishReason") is not null;
                if (Usage(chunk.Metadata) is ({ } i, { } o)) (inputTokens, outputTokens) = (i, o);
                if (string.IsNullOrEmpty(chunk.Content)) continue;
                if (!emitted) onFirstToken(clock.Elapsed);
                emitted = true;
                text.Append(chunk.Content);
                onDelta?.Invoke(chunk.Content);
            }
            // An SSE stream that simply stops, without a finish reason, was cut (a dropped connection can look like a clean end).
            if (!finished) throw new IOException("the stream ended before the model finished");
            var built = calls.Build();
            var assistant = new ChatMessageContent(AuthorRole.Assistant, text.ToString());
            foreach (var call in built) assistant.Items.Add(call);
            return new ChatTurn(text.ToString(), assistant, built, inputTokens, outputTokens);
        }
        catch (Exception e) when (e is not ModelException && !cancellationToken.IsCancellationRequested)
        {
            var error = e is OperationCanceledException
                ? new ModelException("timeout", string.Create(CultureInfo.InvariantCulture, $"Model '{model}' sent nothing for {timeout.TotalSeconds:0.#} s and timed out."), true, null, e)
                : ModelErrors.From(e, model);
            // Text already shown cannot be taken back, so a stream cut midway is reported, not silently retried.
            throw emitted
                ? new ModelException(ModelErrors.StreamInterrupted, $"Model '{model}': the stream was cut midway ({error.Message})", true, null, e)
                : error;
        }
    }

    private static (int? Input, int? Output) Usage(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata?.GetValueOrDefault("Usage") is ChatTokenUsage usage ? (usage.InputTokenCount, usage.OutputTokenCount) : (null, null);
}
