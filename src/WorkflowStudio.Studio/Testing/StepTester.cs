using System.Runtime.CompilerServices;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Templating;
using WorkflowStudio.Studio.Configuration;
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Studio.Testing;

/// <summary>
/// Runs one step on its own, as "test this step" in the inspector: its templates are filled with the sample values
/// the user typed, and the step runs through the same Runner, ports and limits as every run, streaming what it writes.
/// </summary>
public sealed class StepTester(Runner runner, IOptions<StudioOptions> options)
{
    private readonly RunOptions _options = new() { TimeLimit = TimeSpan.FromMinutes(2), Limits = StudioLimits.From(options.Value.Limits) };

    /// <summary>Steps whose inputs are all templates; a condition reads earlier steps directly, so it cannot run alone.</summary>
    public static bool CanTest(Node node) => node is PromptNode or AgentNode or JudgeNode or ToolNode or RetrievalNode;

    public async IAsyncEnumerable<RunEvent> TestAsync(Node node, IReadOnlyDictionary<string, string> samples,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var alone = new Workflow("step-test", $"Test of {node.Id}") { Nodes = [Fill(node, samples)] };
        // The person who pressed "Test this step" watches it write, so the offline model writes at a readable pace.
        await foreach (var runEvent in OfflinePace.Watched(runner.RunAsync(alone, new Dictionary<string, string>(), _options, cancellationToken), cancellationToken))
            yield return runEvent;
    }

    /// <summary>The sample values the step's templates read ("question", "search.text"), in the order they first appear.</summary>
    public static IReadOnlyList<string> SampleNames(Node node)
    {
        var templates = node.Descriptor.Settings.Where(s => s.IsTemplate).Select(s => s.Get(node)).OfType<string>();
        if (node is ToolNode tool) templates = templates.Concat(tool.Args.Select(a => a.Value));
        return [.. templates.SelectMany(t => TemplateEngine.Parse(t).References).Select(r => r.ToString()).Distinct()];
    }

    /// <summary>The step with every template replaced by its text rendered from the samples.</summary>
    public static Node Fill(Node node, IReadOnlyDictionary<string, string> samples)
    {
        var filled = node;
        foreach (var setting in node.Descriptor.Settings.Where(s => s.IsTemplate))
            if (setting.Get(node) is string text)
                filled = node.Descriptor.With(filled, setting, TemplateSamples.Render(TemplateEngine.Parse(text), samples));
        return filled is ToolNode tool
            ? tool with { Args = ValueMap<string>.From(tool.Args.Select(a => KeyValuePair.Create(a.Key, TemplateSamples.Render(TemplateEngine.Parse(a.Value), samples)))) }
            : filled;
    }
}

/// <summary>Renders a template with sample values keyed by reference ("question", "search.text"); a missing sample shows as &lt;name&gt;.</summary>
public static class TemplateSamples
{
    public static string SampleFor(IReadOnlyDictionary<string, string> samples, string reference) =>
        samples.TryGetValue(reference, out var value) ? value : $"<{reference}>";

    public static string Render(ParsedTemplate template, IReadOnlyDictionary<string, string> samples)
    {
        try
        {
            return TemplateEngine.Render(template, root =>
            {
                var members = template.References.Where(r => r.Root == root && r.Member is not null).ToList();
                return members.Count == 0
                    ? SampleFor(samples, root)
                    : members.ToDictionary(r => r.Member!, r => (object)SampleFor(samples, r.ToString()));
            });
        }
        catch (TemplateException e)
        {
            return e.Message;
        }
    }
}
