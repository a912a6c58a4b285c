using System.Text.Json.Nodes;

namespace WorkflowStudio.Core.Ports;

/// <summary>Named tools with JSON-schema parameters; the AI project ships http.request, web.search, calculator, knowledge.search.</summary>
public interface IToolRegistry
{
    IReadOnlyList<ToolDescriptor> Tools { get; }

    ITool? Find(string name);
}

public interface ITool
{
    /// <summary>
    /// The name the registry finds the tool by. A tool whose descriptor is live (it lists what exists now) names itself
    /// without it, so finding any tool never builds a descriptor.
    /// </summary>
    string Name => Descriptor.Name;

    ToolDescriptor Descriptor { get; }

    ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken);
}

/// <param name="ParametersSchema">JSON schema of the arguments object.</param>
public sealed record ToolDescriptor(string Name, string Description, string ParametersSchema);

public sealed record ToolResult(string Text, JsonNode? Json = null);

/// <summary>A tool refused or failed: bad arguments, a blocked address, a remote error.</summary>
public sealed class ToolException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
