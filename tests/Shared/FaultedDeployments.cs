using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Testing.Faults;

/// <summary>What became of a batch of deployment calls against a failing provider, from the stored runs and their events.</summary>
public sealed record FaultAudit(int Runs, int Completed, int CompletedAfterRetry, int CompletedByFallback, int Failed,
    IReadOnlyDictionary<string, int> FailureReasons, int FailedWithoutReason, int Stuck, int RunsWithEventGaps, int RunsWithWrongText)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Runs} runs: {Completed} completed ({CompletedAfterRetry} after a retry or restart, {CompletedByFallback} by the fallback), "
        + $"{Failed} failed with a reason ({string.Join(", ", FailureReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}), "
        + $"{FailedWithoutReason} failed without one, {Stuck} stuck, {RunsWithEventGaps} with lost or repeated events, {RunsWithWrongText} with streamed text that differs from the output");
}

/// <summary>
/// The real studio (application layer, SQLite file, run coordinator) serving a one-prompt workflow as the tag
/// "production", whose model "flaky" sits on a loopback OpenAI-wire server that fails a share of its requests
/// (429 with Retry-After, 500, hangs, streams cut midway); "steady" on the same server never fails and is the
/// fallback. Shared by the fault test and the fault benchmark (linked into both), so both measure the same thing.
/// </summary>
public sealed class FaultedDeployments : IAsyncDisposable
{
    public const string WorkflowId = "faulty-answer";
    public const string Tag = "production";

    private readonly LoopbackServer _server;
    private readonly ServiceProvider _studio;
    private readonly string _folder;
    private readonly string _keyId;

    private FaultedDeployments(LoopbackServer server, ServiceProvider studio, string folder, string keyId)
    {
        (_server, _studio, _folder, _keyId) = (server, studio, folder, keyId);
    }

    public LoopbackServer Server => _server;

    public T Get<T>() where T : notnull => _studio.GetRequiredService<T>();

    public static Workflow Answer => new WorkflowBuilder(WorkflowId, "Answer")
        .Input("question")
        .Prompt("reply", p => p.Model("flaky").System("Answer in one sentence.").User("{{question}}").Temperature(0.2))
        .Output("answer", "{{reply.text}}")
        .Edge("question", "reply").Edge("reply", "answer")
        .Build();

    /// <param name="faultRate">The share of "flaky" requests that fail.</param>
    /// <param name="resilience">The tag's settings; the fallback is usually "steady".</param>
    /// <param name="concurrency">Calls the driver makes at once.</param>
    public static async Task<FaultedDeployments> StartAsync(double faultRate, TagResilience resilience, int concurrency, int runTimeoutSeconds = 60)
    {
        // A caller sees its run end a moment before the studio frees the run's slot; twice the headroom keeps the
        // driver's next call from meeting a "busy" refusal that has nothing to do with the faults.
        var slots = (2 * concurrency).ToString(CultureInfo.InvariantCulture);
        var server = new LoopbackServer
        {
            Faults = new FaultInjection(faultRate, Model: "flaky"),
            Responder = request => new TextReply("The answer to " + request["messages"]![1]!["content"] + " is ready now."),
        };
        var folder = Directory.CreateTempSubdirectory("studio-faults-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StudioPaths.DataDirectoryKey] = folder,
            ["Studio:Limits:MaxConcurrentRuns"] = slots,
            ["Studio:Limits:MaxConcurrentRunsPerUser"] = slots,
            ["Studio:Limits:RunTimeoutSeconds"] = runTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["Studio:Models:Providers:loopback:Endpoint"] = server.Endpoint,
            ["Studio:Models:Providers:loopback:Models:0"] = "flaky",
            ["Studio:Models:Providers:loopback:Models:1"] = "steady",
        }).Build();
        var studio = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, folder, folder)).BuildServiceProvider();
        await studio.GetRequiredService<WorkflowLibrary>().SaveAsync(Answer);
        await studio.GetRequiredService<WorkflowStudio.Studio.Versions.WorkflowVersions>().SetTagAsync(WorkflowId, Tag, 1, "tester");
        await studio.GetRequiredService<DeploymentSettings>().SetResilienceAsync(WorkflowId, Tag, resilience);
        var key = await studio.GetRequiredService<ApiKeys>().CreateAsync("faults", ApiKeyScopes.Run, [WorkflowId], "tester");
        return new FaultedDeployments(server, studio, folder, key.Key.Id);
    }

    /// <summary>
    /// Makes <paramref name="runs"/> deployment calls, <paramref name="concurrency"/> at a time, follows each to its end
    /// and audits it from the database. A call whose run has not ended by <paramref name="stuckAfter"/> counts as stuck.
    /// </summary>
    public async Task<FaultAudit> DriveAsync(int runs, int concurrency, TimeSpan stuckAfter)
    {
        var deployments = Get<DeploymentRuns>();
        var history = Get<RunHistory>();
        var outcomes = new ConcurrentBag<RunAudit>();
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var call = new DeploymentCall(WorkflowId, Tag, new Dictionary<string, string> { ["question"] = $"question {i}" }, _keyId, null);
            var started = await deployments.StartAsync(call, "load");
            using var guard = new CancellationTokenSource(stuckAfter);
            try
            {
                await deployments.WaitAsync(started.RunId, guard.Token);
            }
            catch (OperationCanceledException)
            {
                outcomes.Add(new RunAudit(Stuck: true));
                return;
            }
            outcomes.Add(await AuditAsync(history, started.RunId));
        });

        var all = outcomes.ToList();
        var failed = all.Where(o => o.Status == RunStatus.Failed).ToList();
        return new FaultAudit(runs,
            all.Count(o => o.Status == RunStatus.Succeeded),
            all.Count(o => o is { Status: RunStatus.Succeeded, Retried: true }),
            all.Count(o => o is { Status: RunStatus.Succeeded, Fallback: true }),
            failed.Count,
            failed.Where(o => !string.IsNullOrWhiteSpace(o.Reason)).GroupBy(o => o.Code ?? "unknown").ToDictionary(g => g.Key, g => g.Count()),
            failed.Count(o => string.IsNullOrWhiteSpace(o.Reason)),
            all.Count(o => o.Stuck || o.Status is not (RunStatus.Succeeded or RunStatus.Failed)),
            all.Count(o => o.EventGap),
            all.Count(o => o.WrongText));
    }

    private static async Task<RunAudit> AuditAsync(RunHistory history, string runId)
    {
        var run = await history.GetAsync(runId);
        var events = new List<RunEvent>();
        for (var page = await history.GetEventsAsync(runId); page.Count > 0; page = await history.GetEventsAsync(runId, page[^1].Sequence))
            events.AddRange(page);

        // Stored events must be 1, 2, 3, ... with the terminal event last and nowhere else.
        var gap = events.Count == 0 || !events[^1].IsTerminal || events.Count(e => e.IsTerminal) != 1;
        for (var i = 0; i < events.Count && !gap; i++) gap = events[i].Sequence != i + 1;

        // What a viewer read of the step since its last (re)start is exactly its output: nothing lost, nothing twice.
        var reply = events.Where(e => e.NodeId == "reply").ToList();
        var done = reply.OfType<NodeCompleted>().LastOrDefault();
        var restart = reply.FindLastIndex(e => e is NodeStarted or NodeRetrying);
        var shown = string.Concat(reply.Skip(restart + 1).OfType<NodeDelta>().Select(d => d.Text));
        var wrongText = done is not null && shown != done.Outputs["text"]?.ToString();

        var failed = events.OfType<RunFailed>().FirstOrDefault();
        return new RunAudit(run?.Status, failed?.Code, run?.Error ?? failed?.Message, gap, wrongText,
            Retried: done is not null && (done.ModelAttempts > 1 || reply.Any(e => e is NodeRetrying)), Fallback: done?.FallbackFrom is not null);
    }

    private sealed record RunAudit(RunStatus? Status = null, string? Code = null, string? Reason = null, bool EventGap = false, bool WrongText = false,
        bool Retried = false, bool Fallback = false, bool Stuck = false);

    public async ValueTask DisposeAsync()
    {
        await _studio.DisposeAsync();
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
