using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>The tools registered in DI, by name.</summary>
public sealed class ToolRegistry(IEnumerable<ITool> tools) : IToolRegistry
{
    private readonly IReadOnlyList<ITool> _tools = tools.OrderBy(t => t.Descriptor.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ToolDescriptor> Tools => _tools.Select(t => t.Descriptor).ToList();

    public ITool? Find(string name) => _tools.FirstOrDefault(t => t.Descriptor.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
