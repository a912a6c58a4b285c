using System.Diagnostics;
using System.Globalization;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>
/// Offline model speed (`harness ai-offline [answers]`): streamed output tokens per second for
/// extractive answers over a 40-sentence context, each answer to a different question.
/// </summary>
public sealed class OfflineModelHarness : IHarness
{
    public string Name => "ai-offline";

    public async Task RunAsync(string[] args)
    {
        var answers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        using var parts = new AiParts();
        var random = new Random(7);
        var context = string.Join("\n", Enumerable.Range(0, 40).Select(_ => SyntheticText.Sentence(random)));
        ModelRequest Ask(int i) => new("offline", [new ChatMessage(ChatRole.User, $"Context:\n{context}\n\nQuestion: {SyntheticText.Sentence(new Random(i))} ({i})?")])
        {
            MaxTokens = 4096,
        };

        await parts.Offline.CompleteAsync(Ask(-1), null, CancellationToken.None);
        var tokens = 0;
        var chunks = 0;
        var firstTokens = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < answers; i++)
        {
            var response = await parts.Offline.CompleteAsync(Ask(i), _ => chunks++, CancellationToken.None);
            tokens += response.OutputTokens;
            firstTokens.Add(response.TimeToFirstToken!.Value);
        }
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offline model: {answers} answers, {tokens} tokens in {chunks} streamed chunks, {clock.Elapsed.TotalSeconds:0.00} s = {tokens / clock.Elapsed.TotalSeconds:0} tokens/s, {answers / clock.Elapsed.TotalSeconds:0.0} answers/s"));
        Console.WriteLine($"offline model time to first token: {Percentiles.Of(firstTokens)}");
    }
}
