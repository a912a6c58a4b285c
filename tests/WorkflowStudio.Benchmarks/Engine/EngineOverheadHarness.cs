using System.Diagnostics;
using System.Globalization;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Benchmarks.Engine;

/// <summary>
/// Engine overhead on G1–G3 with instant nodes and every event consumed: runs/s, µs per node execution
/// (median of 7 repetitions), bytes allocated per node, and peak working set. Larger variants of G1 and G3
/// show whether per-node cost grows with the length of a run's history.
/// </summary>
public sealed class EngineOverheadHarness : IHarness
{
    public string Name => "engine";

    public async Task RunAsync(string[] args)
    {
        var runner = new Runner(InstantExecutors.Registry());
        var graphs = new (string Name, (Workflow Workflow, int Executions) Graph)[]
        {
            ("G1 chain of 200", EngineGraphs.Chain(200)),
            ("G2 fan-out 100 + join", EngineGraphs.FanOut(100)),
            ("G3 loop of 100", EngineGraphs.Loop(100)),
            ("G1 chain of 2,000", EngineGraphs.Chain(2_000)),
            ("G3 loop of 1,000", EngineGraphs.Loop(1_000)),
        };
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}");
        Console.WriteLine("| graph | node executions/run | events/run | runs/s | µs per node execution (median of 7) | min–max µs | bytes allocated per node |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, (workflow, executions)) in graphs)
        {
            var events = await CheckAsync(runner, workflow, executions);
            var runsPerRepetition = Math.Max(20, 400_000 / executions);
            for (var i = 0; i < runsPerRepetition; i++) await ConsumeAsync(runner, workflow);

            var perNode = new List<double>();
            long allocated = 0;
            for (var repetition = 0; repetition < 7; repetition++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < runsPerRepetition; i++) await ConsumeAsync(runner, workflow);
                watch.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                perNode.Add(watch.Elapsed.TotalMicroseconds / runsPerRepetition / executions);
            }
            perNode.Sort();
            var median = perNode[perNode.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {executions} | {events} | {1_000_000 / (median * executions):N0} | {median:0.000} | {perNode[0]:0.000}–{perNode[^1]:0.000} | {allocated / runsPerRepetition / executions:N0} |"));
        }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
    }

    private static async Task ConsumeAsync(Runner runner, Workflow workflow)
    {
        await foreach (var _ in runner.RunAsync(workflow, Empty)) { }
    }

    /// <summary>Refuses to time a graph that does not do what it claims.</summary>
    private static async Task<int> CheckAsync(Runner runner, Workflow workflow, int executions)
    {
        var events = new List<RunEvent>();
        await foreach (var e in runner.RunAsync(workflow, Empty)) events.Add(e);
        if (events[^1] is not RunCompleted || events.OfType<NodeCompleted>().Count() != executions)
            throw new InvalidOperationException($"{workflow.Id}: expected {executions} completed nodes, got {events.OfType<NodeCompleted>().Count()} and {events[^1]}");
        return events.Count;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
