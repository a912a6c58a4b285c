using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>A tool call a model made, as the trace shows it, and whether the tool failed (its error is then the result text).</summary>
public sealed record InvokedTool(ToolCall Call, bool Failed);

/// <summary>
/// Runs the registry tool a model asked for, for provider models and the offline model alike. A missing
/// tool or a <see cref="ToolException"/> becomes the result text, so the model reads the failure and may
/// correct its arguments in the next round, and the trace shows what went wrong.
/// </summary>
public sealed class ToolInvoker(IToolRegistry tools)
{
    public async Task<InvokedTool> InvokeAsync(string name, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        if (tools.Find(name) is not { } tool) return Missing(name, arguments);
        try
        {
            var result = await tool.InvokeAsync(arguments, cancellationToken);
            return new InvokedTool(new ToolCall(name, arguments, result.Text), Failed: false);
        }
        catch (ToolException e)
        {
            return new InvokedTool(new ToolCall(name, arguments, $"Error ({e.Code}): {e.Message}"), Failed: true);
        }
    }

    public static InvokedTool Missing(string name, IReadOnlyDictionary<string, string> arguments) =>
        new(new ToolCall(name, arguments, $"Error: there is no tool named '{name}'."), Failed: true);
}
