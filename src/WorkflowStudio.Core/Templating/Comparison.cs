using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace WorkflowStudio.Core.Templating;

/// <summary>
/// Liquid's ==, !=, &lt;, &gt;, &lt;= and &gt;= for workflow values, which are mostly text: two sides that read as
/// numbers compare as numbers ("5" &lt; 100), and ordering values that do not compare (text with a number, nothing with
/// anything) is an error instead of a silent false that would, say, end a loop early.
/// </summary>
internal sealed class Comparison(Expression left, Expression right, string op) : BinaryExpression(left, right)
{
    public static readonly string[] Operators = ["==", "!=", "<>", "<", ">", "<=", ">="];

    public string Operator { get; } = op;

    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var left = await Left.EvaluateAsync(context).ConfigureAwait(false);
        var right = await Right.EvaluateAsync(context).ConfigureAwait(false);
        return BooleanValue.Create(Compare(left, right));
    }

    private bool Compare(FluidValue left, FluidValue right)
    {
        var numbers = (ReadNumber(left), ReadNumber(right));
        if (Operator is "==" or "!=" or "<>")
        {
            var equal = numbers is ({ } a, { } b) ? a == b : left.Equals(right);
            return Operator == "==" ? equal : !equal;
        }
        var order = numbers switch
        {
            ({ } a, { } b) => a.CompareTo(b),
            _ when left is StringValue && right is StringValue => string.CompareOrdinal(left.ToStringValue(), right.ToStringValue()),
            _ => throw new TemplateException(
                $"{Describe(left)} and {Describe(right)} cannot be compared with {Operator}: compare two numbers or two texts."),
        };
        return Operator switch
        {
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            _ => order >= 0,
        };
    }

    private static decimal? ReadNumber(FluidValue value) => value switch
    {
        NumberValue number => number.ToNumberValue(),
        StringValue text when decimal.TryParse(text.ToStringValue().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string Describe(FluidValue value) => value switch
    {
        NilValue or EmptyValue => "nothing",
        StringValue text => $"the text \"{Shorten(text.ToStringValue())}\"",
        NumberValue number => $"the number {number.ToNumberValue().ToString(CultureInfo.InvariantCulture)}",
        BooleanValue flag => flag.ToBooleanValue() ? "true" : "false",
        _ => $"a {value.Type.ToString().ToLowerInvariant()}",
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
