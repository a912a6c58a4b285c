using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.SemanticKernel;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>Turns what SK, the OpenAI SDK and the network throw into a <see cref="ModelException"/> the runner understands.</summary>
public static class ModelErrors
{
    public const string StreamInterrupted = ModelException.StreamInterrupted;

    public static ModelException From(Exception exception, string model)
    {
        if (exception is ModelException known) return known;
        var status = StatusOf(exception);
        if (status is { } code)
        {
            var retryAfter = RetryAfterOf(exception);
            return code switch
            {
                429 => new ModelException("rate_limited", $"Model '{model}' is rate limited (HTTP 429){Wait(retryAfter)}.", true, retryAfter, exception),
                >= 500 => new ModelException("provider_error", $"Model '{model}': the provider failed (HTTP {code}).", true, retryAfter, exception),
                401 or 403 => new ModelException("unauthorized", $"Model '{model}': the provider refused the API key (HTTP {code}).", false, null, exception),
                404 => new ModelException("not_found", $"Model '{model}': the provider does not know this model or endpoint (HTTP 404).", false, null, exception),
                408 => new ModelException("timeout", $"Model '{model}': the provider timed out (HTTP 408).", true, retryAfter, exception),
                _ => new ModelException("bad_request", $"Model '{model}': the provider rejected the request (HTTP {code}): {Detail(exception)}", false, null, exception),
            };
        }
        if (Find<HttpRequestException>(exception) is not null || Find<IOException>(exception) is not null)
            return new ModelException("network", $"Model '{model}': the connection to the provider failed: {Innermost(exception).Message}", true, null, exception);
        if (Find<JsonException>(exception) is not null || Find<FormatException>(exception) is not null || exception is KernelException or InvalidOperationException or ArgumentOutOfRangeException)
            return new ModelException("bad_response", $"Model '{model}': the provider's response could not be read: {Innermost(exception).Message}", false, null, exception);
        return new ModelException("provider_error", $"Model '{model}' failed: {exception.Message}", false, null, exception);
    }

    private static int? StatusOf(Exception exception) =>
        Find<HttpOperationException>(exception)?.StatusCode is { } status ? (int)status
        : Find<ClientResultException>(exception) is { Status: > 0 } client ? client.Status
        : null;

    private static TimeSpan? RetryAfterOf(Exception exception)
    {
        var headers = Find<ClientResultException>(exception)?.GetRawResponse()?.Headers;
        if (headers is null) return null;
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            return TimeSpan.FromMilliseconds(milliseconds);
        if (!headers.TryGetValue("retry-after", out var value) || value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date - DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }

    private static string Wait(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $"; the provider asked to wait {wait.TotalSeconds:0.#} s") : "";

    private static string Detail(Exception exception)
    {
        var content = Find<HttpOperationException>(exception)?.ResponseContent;
        return string.IsNullOrWhiteSpace(content) ? Innermost(exception).Message : content.Length > 500 ? content[..500] : content;
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match) return match;
        }
        return null;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is null ? exception : Innermost(exception.InnerException);
}
