using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.InProcess;

/// <summary>Tools made from delegates, for tests and headless runs.</summary>
public sealed class InMemoryToolRegistry : IToolRegistry
{
    private readonly Dictionary<string, ITool> _tools = new(StringComparer.Ordinal);

    public IReadOnlyList<ToolDescriptor> Tools => [.. _tools.Values.Select(t => t.Descriptor).OrderBy(d => d.Name, StringComparer.Ordinal)];

    public ITool? Find(string name) => _tools.GetValueOrDefault(name);

    public InMemoryToolRegistry Add(string name, string description, Func<IReadOnlyDictionary<string, string>, CancellationToken, ValueTask<ToolResult>> invoke)
    {
        _tools[name] = new DelegateTool(new ToolDescriptor(name, description, """{"type":"object"}"""), invoke);
        return this;
    }

    private sealed class DelegateTool(ToolDescriptor descriptor, Func<IReadOnlyDictionary<string, string>, CancellationToken, ValueTask<ToolResult>> invoke) : ITool
    {
        public ToolDescriptor Descriptor { get; } = descriptor;

        public ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken) => invoke(arguments, cancellationToken);
    }
}
