using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Building;

/// <summary>
/// The fluent recipe API that generated C# definitions use. Literal arguments only, so code can be read back without running it.
/// </summary>
public sealed class WorkflowBuilder(string id, string? name = null)
{
    private readonly List<Node> _nodes = [];
    private readonly List<Edge> _edges = [];
    private readonly List<KeyValuePair<string, Position>> _layout = [];
    private string? _description;

    public WorkflowBuilder Description(string description) { _description = description; return this; }

    public WorkflowBuilder Input(string id, Func<InputBuilder, InputBuilder>? configure = null) => Add(new InputBuilder(new InputNode(id)), configure);

    public WorkflowBuilder Output(string id, string value, Func<OutputBuilder, OutputBuilder>? configure = null) =>
        Add(new OutputBuilder(new OutputNode(id) { Value = value }), configure);

    public WorkflowBuilder Prompt(string id, Func<PromptBuilder, PromptBuilder>? configure = null) => Add(new PromptBuilder(new PromptNode(id)), configure);

    public WorkflowBuilder Agent(string id, Func<AgentBuilder, AgentBuilder>? configure = null) => Add(new AgentBuilder(new AgentNode(id)), configure);

    public WorkflowBuilder Retrieval(string id, Func<RetrievalBuilder, RetrievalBuilder>? configure = null) => Add(new RetrievalBuilder(new RetrievalNode(id)), configure);

    public WorkflowBuilder Tool(string id, Func<ToolBuilder, ToolBuilder>? configure = null) => Add(new ToolBuilder(new ToolNode(id)), configure);

    public WorkflowBuilder Judge(string id, Func<JudgeBuilder, JudgeBuilder>? configure = null) => Add(new JudgeBuilder(new JudgeNode(id)), configure);

    public WorkflowBuilder Condition(string id, string expression, Func<ConditionBuilder, ConditionBuilder>? configure = null) =>
        Add(new ConditionBuilder(new ConditionNode(id) { Expression = expression }), configure);

    /// <summary>Adds an already built node, for hosts with node kinds of their own.</summary>
    public WorkflowBuilder Node(Node node) { _nodes.Add(node); return this; }

    /// <summary>Connects <paramref name="from"/> ("node" or "node.port") to <paramref name="to"/>.</summary>
    public WorkflowBuilder Edge(string from, string to, int? maxLoops = null)
    {
        var dot = from.LastIndexOf('.');
        _edges.Add(dot < 0
            ? new Edge(from, to, PortNames.Out, maxLoops)
            : new Edge(from[..dot], to, from[(dot + 1)..], maxLoops));
        return this;
    }

    /// <summary>Canvas positions, kept out of the recipe's way in one trailing call.</summary>
    public WorkflowBuilder Layout(params (string Node, double X, double Y)[] positions)
    {
        foreach (var (node, x, y) in positions) _layout.Add(new(node, new Position(x, y)));
        return this;
    }

    public Workflow Build() => new(id, name ?? id)
    {
        Description = _description,
        Nodes = _nodes.ToValueList(),
        Edges = _edges.ToValueList(),
        Layout = ValueMap<Position>.From(_layout),
    };

    /// <summary>Adds a node through its kind's builder; a kind's own <c>WorkflowBuilder</c> method (or extension method) calls this.</summary>
    public WorkflowBuilder Add<TBuilder>(TBuilder builder, Func<TBuilder, TBuilder>? configure) where TBuilder : class, INodeBuilder
    {
        _nodes.Add((configure?.Invoke(builder) ?? builder).Node);
        return this;
    }
}

public interface INodeBuilder
{
    Node Node { get; }
}

/// <summary>Settings every node kind shares.</summary>
public abstract class NodeBuilder<TSelf, TNode>(TNode node) : INodeBuilder
    where TSelf : NodeBuilder<TSelf, TNode>
    where TNode : Node
{
    protected TNode Current { get; private set; } = node;
    Node INodeBuilder.Node => Current;

    public TSelf Title(string title) => Set(Current with { Title = title });
    public TSelf TimeoutSeconds(double seconds) => Set(Current with { TimeoutSeconds = seconds });
    public TSelf Retries(int retries) => Set(Current with { Retries = retries });

    protected TSelf Set(Node node)
    {
        Current = (TNode)node;
        return (TSelf)this;
    }
}

public sealed class InputBuilder(InputNode node) : NodeBuilder<InputBuilder, InputNode>(node)
{
    public InputBuilder Description(string text) => Set(Current with { Description = text });
    public InputBuilder Default(string value) => Set(Current with { Default = value });
    public InputBuilder Required(bool required = true) => Set(Current with { Required = required });
    public InputBuilder MaxLength(int length) => Set(Current with { MaxLength = length });
}

public sealed class OutputBuilder(OutputNode node) : NodeBuilder<OutputBuilder, OutputNode>(node)
{
    public OutputBuilder Value(string template) => Set(Current with { Value = template });
}

public sealed class PromptBuilder(PromptNode node) : NodeBuilder<PromptBuilder, PromptNode>(node)
{
    public PromptBuilder Model(string model) => Set(Current with { Model = model });
    public PromptBuilder System(string template) => Set(Current with { System = template });
    public PromptBuilder User(string template) => Set(Current with { User = template });
    public PromptBuilder Temperature(double value) => Set(Current with { Temperature = value });
    public PromptBuilder MaxTokens(int value) => Set(Current with { MaxTokens = value });
    public PromptBuilder JsonSchema(string schema) => Set(Current with { JsonSchema = schema });
    public PromptBuilder Memory(bool on = true) => Set(Current with { Memory = on });
    public PromptBuilder Stream(bool on = true) => Set(Current with { Stream = on });
    public PromptBuilder SemanticCache(bool on = true) => Set(Current with { SemanticCache = on });
    public PromptBuilder SemanticCacheThreshold(double similarity) => Set(Current with { SemanticCacheThreshold = similarity });
}

public sealed class AgentBuilder(AgentNode node) : NodeBuilder<AgentBuilder, AgentNode>(node)
{
    public AgentBuilder Model(string model) => Set(Current with { Model = model });
    public AgentBuilder System(string template) => Set(Current with { System = template });
    public AgentBuilder Task(string template) => Set(Current with { User = template });
    public AgentBuilder Tools(string names) => Set(Current with { Tools = names });
    public AgentBuilder MaxRounds(int rounds) => Set(Current with { MaxRounds = rounds });
    public AgentBuilder Temperature(double value) => Set(Current with { Temperature = value });
}

public sealed class RetrievalBuilder(RetrievalNode node) : NodeBuilder<RetrievalBuilder, RetrievalNode>(node)
{
    public RetrievalBuilder KnowledgeBase(string name) => Set(Current with { KnowledgeBase = name });
    public RetrievalBuilder Query(string template) => Set(Current with { Query = template });
    public RetrievalBuilder TopK(int k) => Set(Current with { TopK = k });
    public RetrievalBuilder MinScore(double score) => Set(Current with { MinScore = score });
    public RetrievalBuilder Hybrid(bool on = true) => Set(Current with { Hybrid = on });
}

public sealed class ToolBuilder(ToolNode node) : NodeBuilder<ToolBuilder, ToolNode>(node)
{
    public ToolBuilder Use(string tool) => Set(Current with { Tool = tool });
    public ToolBuilder Arg(string name, string template) => Set(Current with { Args = Current.Args.SetItem(name, template) });
}

public sealed class JudgeBuilder(JudgeNode node) : NodeBuilder<JudgeBuilder, JudgeNode>(node)
{
    public JudgeBuilder Model(string model) => Set(Current with { Model = model });
    public JudgeBuilder Rubric(string rubric) => Set(Current with { Rubric = rubric });
    public JudgeBuilder Subject(string template) => Set(Current with { Subject = template });
    public JudgeBuilder Reference(string template) => Set(Current with { Reference = template });
    public JudgeBuilder Scale(JudgeScale scale) => Set(Current with { Scale = scale });
    public JudgeBuilder PassAt(double threshold) => Set(Current with { PassAt = threshold });
}

public sealed class ConditionBuilder(ConditionNode node) : NodeBuilder<ConditionBuilder, ConditionNode>(node)
{
    public ConditionBuilder Expression(string expression) => Set(Current with { Expression = expression });
}
