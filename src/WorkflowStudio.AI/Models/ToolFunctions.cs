using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>
/// Presents the request's tools to Semantic Kernel as functions (for the provider's function calling)
/// and maps the calls a model makes back to the registry's tools. Function names may only hold
/// letters, digits and underscores, so "http.request" is offered as "http_request".
/// </summary>
public sealed partial class ToolFunctions
{
    private readonly Dictionary<string, ToolDescriptor> _byFunctionName = new(StringComparer.Ordinal);

    public ToolFunctions(IReadOnlyList<ToolDescriptor> tools)
    {
        foreach (var tool in tools)
        {
            var name = Unsafe().Replace(tool.Name, "_");
            _byFunctionName[name] = tool;
            Functions.Add(KernelFunctionFactory.CreateFromMethod(
                () => "", functionName: name, description: tool.Description,
                parameters: Parameters(tool), returnParameter: new KernelReturnParameterMetadata { ParameterType = typeof(string) }));
        }
    }

    public List<KernelFunction> Functions { get; } = [];

    public ToolDescriptor? Find(string functionName) => _byFunctionName.GetValueOrDefault(functionName);

    public static IReadOnlyDictionary<string, string> Arguments(KernelArguments? arguments) =>
        arguments?.ToDictionary(a => a.Key, a => a.Value switch
        {
            null => "",
            JsonElement { ValueKind: JsonValueKind.String } s => s.GetString() ?? "",
            JsonElement e => e.GetRawText(),
            var other => other.ToString() ?? "",
        }, StringComparer.Ordinal) ?? new Dictionary<string, string>();

    private static IEnumerable<KernelParameterMetadata> Parameters(ToolDescriptor tool)
    {
        if (JsonNode.Parse(tool.ParametersSchema) is not JsonObject schema || schema["properties"] is not JsonObject properties) yield break;
        var required = (schema["required"] as JsonArray)?.Select(r => r?.ToString()).ToHashSet() ?? [];
        foreach (var (name, property) in properties)
        {
            yield return new KernelParameterMetadata(name)
            {
                Description = property?["description"]?.ToString(),
                IsRequired = required.Contains(name),
                Schema = property is null ? null : KernelJsonSchema.Parse(property.ToJsonString()),
            };
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex Unsafe();
}
