using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>A studio over a temp folder with an offline "writer" workflow saved, and helpers to run it to the end and see its records.</summary>
internal sealed class MonitoringHost : IDisposable
{
    public static readonly Workflow Writer = new WorkflowBuilder("writer-flow", "Writer")
        .Input("topic")
        .Prompt("writer", p => p.System("You write short notes.").User("Write about {{topic}}"))
        .Output("answer", "{{writer.text}}")
        .Edge("topic", "writer").Edge("writer", "answer")
        .Build();

    private readonly StudioHost _host;

    public MonitoringHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _host = new StudioHost(settings);
        Get<WorkflowLibrary>().SaveAsync(Writer).GetAwaiter().GetResult();
    }

    public T Get<T>() where T : notnull => _host.Get<T>();

    /// <summary>Runs the workflow through the feed, follows it to its end and waits until its model calls are stored.</summary>
    public async Task<string> RunAsync(string topic = "rivers", string? tag = null, string workflowId = "writer-flow")
    {
        var feed = Get<IRunFeed>();
        var started = await feed.StartAsync(new RunRequest(workflowId, new Dictionary<string, string> { ["topic"] = topic }, Tag: tag), "tester");
        await foreach (var _ in feed.FollowAsync(started.RunId, 0)) { }
        await Get<ModelCallRecorder>().FlushAsync();
        return started.RunId;
    }

    public void Dispose() => _host.Dispose();
}
