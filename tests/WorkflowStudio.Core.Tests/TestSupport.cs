using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Core.Tests;

internal static class TestSupport
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TemplatesDir => Path.Combine(RepoRoot, "templates");

    public static IEnumerable<string> TemplateFiles => Directory.GetFiles(TemplatesDir, "*.json").Where(f => !f.EndsWith(".eval.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static Workflow LoadTemplate(string id) => WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(TemplatesDir, id + ".json")));

    public static InMemoryToolRegistry Tools() => new InMemoryToolRegistry()
        .Add("web.search", "Searches the web", (args, _) => ValueTask.FromResult(new ToolResult($"Notes about {args.GetValueOrDefault("query")}: it matters.")))
        .Add("calculator", "Adds numbers", (args, _) => ValueTask.FromResult(new ToolResult(args.Values.Sum(double.Parse).ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public static InMemoryRetriever Retriever() => new(new Dictionary<string, IReadOnlyList<(string, string)>>
    {
        ["acme-widgets"] = [("returns.md", "Widgets can be returned within 30 days for a full refund."), ("shipping.md", "Orders ship within two business days.")],
        ["support-replies"] = [("billing-replies.md", "Refunds reach your card within 5 business days."), ("technical-replies.md", "Restart the app after updating it.")],
    });

    public static Runner Runner(IModelGateway? models = null, IToolRegistry? tools = null) =>
        new(models ?? new ScriptedModelGateway(), Retriever(), tools ?? Tools());

    public static async Task<List<RunEvent>> CollectAsync(this Runner runner, Workflow workflow, IReadOnlyDictionary<string, string>? inputs = null, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var events = new List<RunEvent>();
        await foreach (var e in runner.RunAsync(workflow, inputs ?? new Dictionary<string, string>(), options, cancellationToken)) events.Add(e);
        return events;
    }

    public static Dictionary<string, string> Inputs(params (string Key, string Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>Every run: strictly increasing sequence numbers, one run id, exactly one terminal event and it is last.</summary>
    public static void AssertWellFormed(IReadOnlyList<RunEvent> events)
    {
        Assert.IsType<RunStarted>(events[0]);
        Assert.Single(events, e => e.IsTerminal);
        Assert.True(events[^1].IsTerminal);
        Assert.Single(events.Select(e => e.RunId).Distinct());
        for (var i = 1; i < events.Count; i++) Assert.True(events[i].Sequence > events[i - 1].Sequence);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowStudio.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (WorkflowStudio.sln) above " + AppContext.BaseDirectory);
    }
}
