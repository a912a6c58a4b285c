using System.Text.Json;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Studio.Runs;

/// <summary>Past and present runs as the history views, the replay and the HTTP API read them.</summary>
public sealed class RunHistory(IRunStore runs)
{
    public Task<RunRecord?> GetAsync(string runId, CancellationToken ct = default) => runs.GetRunAsync(runId, ct);

    /// <summary>One workflow's runs, newest first.</summary>
    public Task<IReadOnlyList<RunRecord>> ListAsync(string workflowId, int take = 50, CancellationToken ct = default) =>
        runs.ListRunsAsync(workflowId, Math.Clamp(take, 1, 1000), ct);

    /// <summary>Runs across workflows, newest first, filtered and paged.</summary>
    public Task<RunPage> QueryAsync(RunQuery query, CancellationToken ct = default) => runs.QueryRunsAsync(query, ct);

    /// <summary>Stored events after <paramref name="afterSequence"/>, at most <paramref name="max"/> (clamped to 1..10,000).</summary>
    public Task<IReadOnlyList<RunEvent>> GetEventsAsync(string runId, long afterSequence = 0, int max = 1_000, CancellationToken ct = default) =>
        runs.GetEventsAsync(runId, afterSequence, Math.Clamp(max, 1, 10_000), ct);

    /// <summary>
    /// What the latest run of a workflow was given and what each step gave out, keyed the way templates name them
    /// ("question", "search.text"): the sample values "test this step" starts from. Empty when it never ran.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> LastRunSamplesAsync(string workflowId, CancellationToken ct = default)
    {
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        if ((await runs.ListRunsAsync(workflowId, 1, ct)).FirstOrDefault() is not { } last) return samples;
        foreach (var (name, value) in last.Inputs) samples[name] = value;
        // A step that ran more than once (a loop) offers its last outputs.
        foreach (var completed in (await runs.GetEventsAsync(last.Id, 0, SampleEvents, ct)).OfType<NodeCompleted>())
            foreach (var (name, value) in completed.Outputs)
                samples[$"{completed.NodeId}.{name}"] = Text(value);
        return samples;
    }

    private const int SampleEvents = 10_000;

    // Stored outputs come back as JSON; a text sample is the text itself, anything else its JSON.
    private static string Text(object? value) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString()!,
        JsonElement json => json.GetRawText(),
        _ => JsonSerializer.Serialize(value),
    };
}
