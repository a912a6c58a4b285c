using System.Collections.Concurrent;
using System.Reflection;
using WorkflowStudio.Core.Metadata;
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

/// <summary>
/// The executors a runner uses: by default the one each kind's <see cref="Metadata.NodeKindAttribute.Executor"/> names,
/// built with the ports this registry was given; <see cref="Add{TNode}"/> overrides a kind (tests, hosts).
/// </summary>
public sealed class NodeExecutorRegistry(IModelGateway? models = null, IRetriever? retriever = null, IToolRegistry? tools = null)
{
    private readonly ConcurrentDictionary<Type, INodeExecutor?> _executors = new();
    private readonly object?[] _ports = [models, retriever, tools];

    public NodeExecutorRegistry Add<TNode>(INodeExecutor executor) where TNode : Node
    {
        _executors[typeof(TNode)] = executor;
        return this;
    }

    /// <summary>The executor for a node record, or null when its kind names none this registry can build.</summary>
    public INodeExecutor? Find(Type nodeType) => _executors.GetOrAdd(nodeType, Create);

    public static NodeExecutorRegistry CreateDefault(IModelGateway models, IRetriever retriever, IToolRegistry tools) => new(models, retriever, tools);

    // The executor's widest constructor whose parameters are all ports this registry holds.
    private INodeExecutor? Create(Type nodeType)
    {
        if (NodeCatalog.For(nodeType).ExecutorType is not { } type) return null;
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length))
        {
            var arguments = constructor.GetParameters().Select(p => _ports.FirstOrDefault(p.ParameterType.IsInstanceOfType)).ToArray();
            if (arguments.All(a => a is not null)) return (INodeExecutor)constructor.Invoke(arguments);
        }
        return null;
    }
}
