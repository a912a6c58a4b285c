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
        var graphs = new (string Name, EngineGraph Graph)[]
        {
            ("G1 chain of 200", EngineGraphs.Chain(200)),
            ("G2 fan-out 100 + join", EngineGraphs.FanOut(100)),
            ("G3 loop of 100", EngineGraphs.Loop(100)),
            ("G1 chain of 2,000", EngineGraphs.Chain(2_000)),
            ("G3 loop of 1,000", EngineGraphs.Loop(1_000)),
        };
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}");
        Console.WriteLine("| graph | node executions/run | events/run | runs/s | µs per node execution (median of 7) | min–max µs | bytes allocated per node | gen-1 collections per 100 runs |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, graph) in graphs)
        {
            var events = await RunCheckedAsync(runner, graph);
            var executions = graph.Executions;
            var runsPerRepetition = Math.Max(20, 400_000 / executions);
            for (var i = 0; i < runsPerRepetition; i++) await RunCheckedAsync(runner, graph);

            var perNode = new List<double>();
            long allocated = 0;
            var gen1 = 0;
            for (var repetition = 0; repetition < 7; repetition++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var collections = GC.CollectionCount(1);
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < runsPerRepetition; i++) await RunCheckedAsync(runner, graph);
                watch.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                gen1 = GC.CollectionCount(1) - collections;
                perNode.Add(watch.Elapsed.TotalMicroseconds / runsPerRepetition / executions);
            }
            perNode.Sort();
            var median = perNode[perNode.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {executions} | {events} | {1_000_000 / (median * executions):N0} | {median:0.000} | {perNode[0]:0.000}–{perNode[^1]:0.000} | {allocated / runsPerRepetition / executions:N0} | {100.0 * gen1 / runsPerRepetition:0.#} |"));
        }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
    }

    /// <summary>
    /// Consumes one run and refuses a run that did not do what the graph claims: it must complete, execute every node,
    /// and leave the checked step with the expected value. Checked on every run, timed or not, without keeping events.
    /// </summary>
    private static async Task<int> RunCheckedAsync(Runner runner, EngineGraph graph)
    {
        int events = 0, completed = 0;
        object? last = null;
        RunEvent? terminal = null;
        await foreach (var e in runner.RunAsync(graph.Workflow, Empty))
        {
            events++;
            if (e is NodeCompleted done)
            {
                completed++;
                if (done.NodeId == graph.Checked) last = done.Outputs[graph.Output];
            }
            else if (e.IsTerminal) terminal = e;
        }
        if (terminal is not RunCompleted || completed != graph.Executions || !Equals(last, graph.Expected))
            throw new InvalidOperationException($"{graph.Workflow.Id}: expected {graph.Executions} completed nodes and {graph.Checked}.{graph.Output} = {Show(graph.Expected)}, got {completed}, {Show(last)} and {terminal}");
        return events;
    }

    private static string Show(object? value) => value is string { Length: > 20 } text ? $"{text.Length} characters" : $"{value}";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
