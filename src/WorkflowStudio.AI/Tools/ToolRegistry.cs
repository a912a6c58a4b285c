using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// The tools registered in DI, by name. Making it describes no tool: the knowledge search's descriptor reads the knowledge
/// bases, and the model gateway (made by every run) takes the registry.
/// </summary>
public sealed class ToolRegistry(IEnumerable<ITool> tools) : IToolRegistry
{
    private readonly IReadOnlyList<ITool> _tools = tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ToolDescriptor> Tools => _tools.Select(t => t.Descriptor).ToList();

    public ITool? Find(string name) => _tools.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
