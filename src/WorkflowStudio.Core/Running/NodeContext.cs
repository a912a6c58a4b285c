using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Core.Running;

/// <summary>What a node sees of its run: earlier steps' outputs, the caller's inputs, its own memory and a way to stream text.</summary>
public sealed class NodeContext
{
    private readonly RunExecution _run;
    private readonly int _slot;

    internal NodeContext(RunExecution run, int slot, Node node)
    {
        _run = run;
        _slot = slot;
        Node = node;
    }

    public Node Node { get; }
    public string RunId => _run.RunId;
    public int Iteration { get; internal set; }
    public IReadOnlyDictionary<string, string> RunInputs => _run.Inputs;

    /// <summary>This node's earlier turns, kept across loop iterations for prompts with memory.</summary>
    public List<ChatMessage> Memory => _memory ??= [];

    // Made on first use: a long run would otherwise hold an empty list for every step that never remembers.
    private List<ChatMessage>? _memory;

    /// <summary>The value a template sees for a step id: an input's text, or another step's outputs; null before it ran.</summary>
    public object? Resolve(string name) => _run.Resolve(name);

    public string Render(string template) => TemplateEngine.Render(TemplateEngine.Parse(template), _run.Resolver);

    public string? Render(ParsedTemplate template) => TemplateEngine.Render(template, _run.Resolver);

    /// <summary>The text output of the step whose link brought the run here, for nodes that work on "the previous answer".</summary>
    public string? PreviousText() => _run.PreviousText(_slot);

    /// <summary>The outputs of every step whose link brought the run here, in link order; what a join combines.</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> Upstream() => _run.Upstream(_slot);

    /// <summary>Whether the run's text steps stream their answers (see <see cref="RunOptions.StreamText"/>).</summary>
    public bool StreamText => _run.StreamText;

    /// <summary>Streams a chunk of text to every viewer of the run; safe to call from any thread.</summary>
    public void Delta(string text) => _run.PostDelta(_slot, Iteration, text);
}
