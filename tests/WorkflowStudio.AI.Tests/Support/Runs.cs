using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.AI.Tests.Support;

/// <summary>Runs workflows through Core's Runner over the real AI services of a <see cref="Studio"/>.</summary>
public static class Runs
{
    /// <summary>A shipped template, as the designer and the CLI load it.</summary>
    public static Workflow Template(string id) =>
        WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", id + ".json")));

    /// <summary>The workflow with every model-using step sent to <paramref name="model"/> instead of the one it names.</summary>
    public static Workflow UsingModel(this Workflow workflow, string model) => workflow with
    {
        Nodes = workflow.Nodes.Select(node => node switch
        {
            PromptNode prompt => prompt with { Model = model },
            JudgeNode judge => judge with { Model = model },
            AgentNode agent => agent with { Model = model },
            _ => node,
        }).ToValueList(),
    };

    /// <summary>
    /// Every event of one run. The token only guards against a run that never ends: a hang then shows up
    /// as a RunCancelled where the test expects another terminal event, instead of a test that never returns.
    /// </summary>
    public static async Task<IReadOnlyList<RunEvent>> RunAsync(this Studio studio, Workflow workflow, IReadOnlyDictionary<string, string> inputs,
        RunOptions? options = null)
    {
        var runner = new Runner(studio.Get<IModelGateway>(), studio.Get<IRetriever>(), studio.Get<IToolRegistry>());
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = new List<RunEvent>();
        await foreach (var run in runner.RunAsync(workflow, inputs, options, guard.Token)) events.Add(run);
        return events;
    }

    public static NodeCompleted Completed(this IEnumerable<RunEvent> events, string nodeId) =>
        Assert.Single(events.OfType<NodeCompleted>(), e => e.NodeId == nodeId);

    public static IReadOnlyList<string> Deltas(this IEnumerable<RunEvent> events, string nodeId) =>
        [.. events.OfType<NodeDelta>().Where(e => e.NodeId == nodeId).Select(e => e.Text)];
}
