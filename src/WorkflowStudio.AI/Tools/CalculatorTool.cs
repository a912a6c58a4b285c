using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>The calculator tool: arithmetic on a safe parser.</summary>
public sealed class CalculatorTool : ITool
{
    public const string Name = "calculator";

    public ToolDescriptor Descriptor { get; } = new(Name,
        "Calculates an arithmetic expression: numbers, + - * / % ^, parentheses, sqrt, abs, round, floor, ceil, ln, log, exp, sin, cos, tan, min, max, pow, pi, e.",
        """{"type":"object","properties":{"expression":{"type":"string","description":"The arithmetic to evaluate, e.g. (12.5 * 4) / 3"}},"required":["expression"]}""");

    public ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var expression = arguments.Required(Name, "expression");
        try
        {
            var value = ExpressionParser.Evaluate(expression);
            var text = value.ToString("G15", CultureInfo.InvariantCulture);
            return ValueTask.FromResult(new ToolResult(text, new JsonObject { ["expression"] = expression, ["result"] = value }));
        }
        catch (FormatException e)
        {
            throw new ToolException("bad_expression", e.Message, e);
        }
    }
}
