using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.Running;

/// <summary>Runs one kind of node. Built-in kinds ship with Core; a host may register executors for node records of its own.</summary>
public interface INodeExecutor
{
    /// <summary>Renders what the node will work on; shown as the inputs of its NodeStarted event.</summary>
    IReadOnlyDictionary<string, object?> Prepare(NodeContext context);

    ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken);
}

/// <summary>What a node produced, and which output port the run continues from.</summary>
public sealed record NodeOutcome(IReadOnlyDictionary<string, object?> Outputs, string? Port = PortNames.Out)
{
    public ModelResponse? Usage { get; init; }

    public static NodeOutcome Text(string text, ModelResponse? usage = null) =>
        new(new Dictionary<string, object?>(1) { ["text"] = text }) { Usage = usage };
}

/// <summary>A node failure with a stable code; <see cref="Retryable"/> says whether trying again may help.</summary>
public sealed class NodeException(string code, string message, bool retryable = false, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
    public bool Retryable { get; } = retryable;
}

/// <summary>The node kinds a runner knows how to execute.</summary>
public sealed class NodeExecutorRegistry
{
    private readonly Dictionary<Type, INodeExecutor> _executors = [];

    public NodeExecutorRegistry Add<TNode>(INodeExecutor executor) where TNode : Node
    {
        _executors[typeof(TNode)] = executor;
        return this;
    }

    public INodeExecutor? Find(Type nodeType) => _executors.GetValueOrDefault(nodeType);

    public static NodeExecutorRegistry CreateDefault(IModelGateway models, IRetriever retriever, IToolRegistry tools) => new NodeExecutorRegistry()
        .Add<InputNode>(new Executors.InputExecutor())
        .Add<OutputNode>(new Executors.OutputExecutor())
        .Add<PromptNode>(new Executors.PromptExecutor(models))
        .Add<RetrievalNode>(new Executors.RetrievalExecutor(retriever))
        .Add<ToolNode>(new Executors.ToolExecutor(tools))
        .Add<JudgeNode>(new Executors.JudgeExecutor(models))
        .Add<ConditionNode>(new Executors.ConditionExecutor())
        .Add<AgentNode>(new Executors.AgentExecutor(models, tools));
}
