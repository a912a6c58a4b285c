using System.Globalization;

namespace WorkflowStudio.Testing.Loopback;

/// <summary>Settings for an OpenAI-compatible provider "local" pointed at a <see cref="LoopbackServer"/>, serving <see cref="Model"/>.</summary>
public static class ProviderSettings
{
    public const string Model = "test-model";

    // Dollars per million tokens, high so that the few tokens of a test cost a visible amount.
    public const decimal InputPerMillion = 1000m;
    public const decimal OutputPerMillion = 2000m;

    public static decimal Cost(int inputTokens, int outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;

    public static Dictionary<string, string?> For(LoopbackServer server, double timeoutSeconds = 5, int maxRetries = 2,
        int maxToolRounds = 5, string? apiKeyEnv = null, string? fallback = null) => new()
    {
        ["Studio:Models:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["Studio:Models:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
        ["Studio:Models:RetryBaseDelaySeconds"] = "0.01",
        ["Studio:Models:MaxToolRounds"] = maxToolRounds.ToString(CultureInfo.InvariantCulture),
        ["Studio:Models:Providers:local:Kind"] = "OpenAICompatible",
        ["Studio:Models:Providers:local:Endpoint"] = server.Endpoint,
        ["Studio:Models:Providers:local:ApiKeyEnv"] = apiKeyEnv,
        ["Studio:Models:Providers:local:Models:0"] = Model,
        ["Studio:Models:Providers:local:Fallback"] = fallback,
        [$"Studio:Models:Prices:{Model}:InputPerMillion"] = InputPerMillion.ToString(CultureInfo.InvariantCulture),
        [$"Studio:Models:Prices:{Model}:OutputPerMillion"] = OutputPerMillion.ToString(CultureInfo.InvariantCulture),
    };
}
