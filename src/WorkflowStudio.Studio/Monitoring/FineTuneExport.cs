using System.Text.Json;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Runs;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>
/// Runs as fine-tuning examples in the OpenAI chat format: one JSON line per prompt step of each run,
/// {"messages":[system?, user, assistant]}, from the prompts the step rendered. The run's last prompt step answers with
/// the latest correction given for the run when there is one, else with what the model said.
/// </summary>
public sealed class FineTuneExport(RunHistory history, IFeedbackStore feedback)
{
    private const string PromptKind = "prompt";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs worth learning from in the filter's period: rated good (score ≥ 0.5) or given a correction.</summary>
    public async Task<IReadOnlyList<string>> ChooseRunsAsync(MonitoringFilter filter, CancellationToken ct = default)
    {
        var answers = await feedback.ListAsync(filter, 100_000, ct);
        return answers.Where(a => a.Correction is not null || a.Score >= 0.5).Select(a => a.RunId).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes the examples of the runs; returns how many lines were written.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<string> runIds, TextWriter output, CancellationToken ct = default)
    {
        var corrections = (await feedback.OfRunsAsync(runIds, ct)).Where(f => f.Correction is not null)
            .GroupBy(f => f.RunId).ToDictionary(g => g.Key, g => g.Last().Correction!);
        var lines = 0;
        foreach (var runId in runIds)
        {
            var steps = await PromptStepsAsync(runId, ct);
            for (var i = 0; i < steps.Count; i++)
            {
                var (system, user, answer) = steps[i];
                if (i == steps.Count - 1 && corrections.TryGetValue(runId, out var corrected)) answer = corrected;
                var messages = new List<ChatLine>(3);
                if (!string.IsNullOrWhiteSpace(system)) messages.Add(new("system", system));
                messages.Add(new("user", user));
                messages.Add(new("assistant", answer));
                await output.WriteLineAsync(JsonSerializer.Serialize(new ChatExample(messages), Json));
                lines++;
            }
        }
        return lines;
    }

    private async Task<List<(string? System, string User, string Answer)>> PromptStepsAsync(string runId, CancellationToken ct)
    {
        var started = new Dictionary<(string, int), (string? System, string User)>();
        var steps = new List<(string?, string, string)>();
        long after = 0;
        while (true)
        {
            var page = await history.GetEventsAsync(runId, after, 10_000, ct);
            foreach (var e in page)
            {
                if (e is NodeStarted { Kind: PromptKind } s && Text(s.Inputs.GetValueOrDefault("user")) is { } user)
                    started[(e.NodeId!, e.Iteration)] = (Text(s.Inputs.GetValueOrDefault("system")), user);
                else if (e is NodeCompleted c && started.Remove((e.NodeId!, e.Iteration), out var prompt) && Text(c.Outputs.GetValueOrDefault("text")) is { } text)
                    steps.Add((prompt.System, prompt.User, text));
            }
            if (page.Count < 10_000) return steps;
            after = page[^1].Sequence;
        }
    }

    private static string? Text(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement e => e.GetRawText(),
        _ => value?.ToString(),
    };

    private sealed record ChatLine(string Role, string Content);

    private sealed record ChatExample(IReadOnlyList<ChatLine> Messages);
}
