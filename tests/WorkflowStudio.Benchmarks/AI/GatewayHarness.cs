using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>
/// What the gateway (Semantic Kernel, OpenAI SDK, retries, usage, cost) adds per call over a raw
/// HttpClient POST of the same request to the same loopback server (`harness ai-gateway [calls]`).
/// </summary>
public sealed class GatewayHarness : IHarness
{
    public string Name => "ai-gateway";

    public async Task RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        using var server = new StubChatServer();
        using var parts = new AiParts(new Uri(server.BaseUri, "v1").ToString());
        using var http = new HttpClient();
        var request = new ModelRequest("bench-model",
            [new ChatMessage(ChatRole.System, "Answer briefly."), new ChatMessage(ChatRole.User, "How long does the widget take to charge?")])
        { Stream = false, Temperature = 0.2, MaxTokens = 64 };
        var body = new JsonObject
        {
            ["model"] = "bench-model", ["temperature"] = 0.2, ["max_tokens"] = 64,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "Answer briefly." },
                new JsonObject { ["role"] = "user", ["content"] = "How long does the widget take to charge?" }),
        }.ToJsonString();
        var endpoint = new Uri(server.BaseUri, "v1/chat/completions");

        async Task Raw()
        {
            using var response = await http.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            _ = json["choices"]![0]!["message"]!["content"]!.ToString();
        }

        async Task Gateway() => await parts.Gateway.CompleteAsync(request, null, CancellationToken.None);

        for (var i = 0; i < 50; i++)
        {
            await Raw();
            await Gateway();
        }
        // Interleaved, so drift on the shared machine affects both sides alike.
        var raw = new List<TimeSpan>();
        var gateway = new List<TimeSpan>();
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            await Raw();
            raw.Add(clock.Elapsed);
            clock.Restart();
            await Gateway();
            gateway.Add(clock.Elapsed);
        }
        var r = Percentiles.Of(raw);
        var g = Percentiles.Of(gateway);
        Console.WriteLine($"raw HttpClient  ({calls} calls): {r}");
        Console.WriteLine($"ModelGateway/SK ({calls} calls): {g}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway overhead per call: p50 {g.P50 - r.P50:0.000} ms, mean {g.Mean - r.Mean:0.000} ms"));
    }
}
