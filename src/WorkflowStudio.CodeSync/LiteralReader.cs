using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace WorkflowStudio.CodeSync;

/// <summary>
/// Reads a literal expression as a value of a parameter's type, exactly as the C# compiler would, and explains
/// anything that is not a literal. Nothing is evaluated: only the syntax is looked at.
/// </summary>
internal sealed class LiteralReader(DiagnosticBag diagnostics)
{
    public bool TryRead(ExpressionSyntax expression, Type type, bool nullable, out object? value)
    {
        value = null;
        expression = Unwrap(expression);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (expression.IsKind(SyntaxKind.NullLiteralExpression))
        {
            if (nullable || target != type) return true;
            diagnostics.Add(CodeIssue.WrongType, expression, $"null is not allowed here; write {Allowed(target)}.");
            return false;
        }
        if (target == typeof(string)) return TryReadText(expression, out value);
        if (target == typeof(bool)) return TryReadBool(expression, out value);
        if (target == typeof(int) || target == typeof(long) || target == typeof(double)) return TryReadNumber(expression, target, out value);
        if (target.IsEnum) return TryReadEnum(expression, target, out value);
        if (IsTuple(target)) return TryReadTuple(expression, target, out value);
        diagnostics.Add(CodeIssue.NotALiteral, expression, $"A {target.Name} cannot be written in a definition.");
        return false;
    }

    public static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression;
    }

    public static string Allowed(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "text in quotes, such as \"...\" or a \"\"\" raw string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long)) return "a whole number, such as 3";
        if (type == typeof(double)) return "a number, such as 0.5";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => $"{type.Name}.{n}"));
        if (IsTuple(type)) return "a tuple such as " + Example(type);
        return "a literal value";
    }

    private static string Example(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "\"text\"";
        if (type == typeof(bool)) return "true";
        if (type == typeof(int) || type == typeof(long)) return "3";
        if (type == typeof(double)) return "0.5";
        if (type.IsEnum) return $"{type.Name}.{Enum.GetNames(type).FirstOrDefault()}";
        if (IsTuple(type)) return "(" + string.Join(", ", type.GetGenericArguments().Select(Example)) + ")";
        return "a literal";
    }

    private static bool IsTuple(Type type) =>
        type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length < 8;

    private bool TryReadText(ExpressionSyntax expression, out object? value)
    {
        value = null;
        // "a" + "b" is a constant in C#; people split long prompts that way. Flattened without recursion.
        var parts = new List<ExpressionSyntax>();
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            var part = Unwrap(pending.Pop());
            if (part is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum)
            {
                pending.Push(sum.Right);
                pending.Push(sum.Left);
            }
            else parts.Add(part);
        }

        var text = new System.Text.StringBuilder();
        var ok = true;
        foreach (var part in parts)
        {
            if (part is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
                text.Append(literal.Token.ValueText);
            else
            {
                Explain(part, typeof(string));
                ok = false;
            }
        }
        if (ok) value = text.ToString();
        return ok;
    }

    private bool TryReadBool(ExpressionSyntax expression, out object? value)
    {
        value = expression.Kind() switch
        {
            SyntaxKind.TrueLiteralExpression => true,
            SyntaxKind.FalseLiteralExpression => false,
            _ => null,
        };
        if (value is null) Explain(expression, typeof(bool));
        return value is not null;
    }

    private bool TryReadNumber(ExpressionSyntax expression, Type target, out object? value)
    {
        value = null;
        var negative = false;
        var operand = expression;
        while (true)
        {
            operand = Unwrap(operand);
            if (operand is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression or (int)SyntaxKind.UnaryPlusExpression } sign)
            {
                negative ^= sign.IsKind(SyntaxKind.UnaryMinusExpression);
                operand = sign.Operand;
            }
            else break;
        }

        if (target == typeof(double) && SpecialDouble(operand) is { } special)
        {
            value = negative ? -special : special;
            return true;
        }
        if (operand is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal)
        {
            Explain(operand, target);
            return false;
        }

        var token = literal.Token.Value;
        if (target == typeof(double))
        {
            if (token is decimal)
            {
                diagnostics.Add(CodeIssue.WrongType, expression, $"{literal.Token.Text} is a decimal; write {Allowed(target)} without the m suffix.");
                return false;
            }
            var number = Convert.ToDouble(token, CultureInfo.InvariantCulture);
            value = negative ? -number : number;
            return true;
        }

        if (token is float or double or decimal)
        {
            diagnostics.Add(CodeIssue.WrongType, expression, $"{DiagnosticBag.Show(expression)} is not a whole number; write {Allowed(target)}.");
            return false;
        }
        var whole = Convert.ToDecimal(token, CultureInfo.InvariantCulture);
        if (negative) whole = -whole;
        decimal min = target == typeof(int) ? int.MinValue : long.MinValue;
        decimal max = target == typeof(int) ? int.MaxValue : long.MaxValue;
        if (whole < min || whole > max)
        {
            diagnostics.Add(CodeIssue.OutOfRange, expression, $"{DiagnosticBag.Show(expression)} is too large; write a whole number between {min} and {max}.");
            return false;
        }
        value = target == typeof(int) ? (object)(int)whole : (long)whole;
        return true;
    }

    private static double? SpecialDouble(ExpressionSyntax expression) =>
        expression is MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.DoubleKeyword } } access
            ? access.Name.Identifier.ValueText switch
            {
                nameof(double.NaN) => double.NaN,
                nameof(double.PositiveInfinity) => double.PositiveInfinity,
                nameof(double.NegativeInfinity) => double.NegativeInfinity,
                _ => null,
            }
            : null;

    private bool TryReadEnum(ExpressionSyntax expression, Type target, out object? value)
    {
        value = null;
        if (expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax member } access
            || !NamesType(access.Expression, target))
        {
            Explain(expression, target);
            return false;
        }
        var name = member.Identifier.ValueText;
        if (!Enum.GetNames(target).Contains(name, StringComparer.Ordinal))
        {
            diagnostics.Add(CodeIssue.UnknownEnumMember, member, $"{target.Name} has no value '{name}'; write {Allowed(target)}.");
            return false;
        }
        value = Enum.Parse(target, name);
        return true;
    }

    private static bool NamesType(ExpressionSyntax expression, Type type)
    {
        var text = expression.ToString().Replace(" ", "", StringComparison.Ordinal);
        if (text.StartsWith("global::", StringComparison.Ordinal)) text = text["global::".Length..];
        return text == type.Name || text == type.FullName;
    }

    private bool TryReadTuple(ExpressionSyntax expression, Type target, out object? value)
    {
        value = null;
        var elementTypes = target.GetGenericArguments();
        if (expression is not TupleExpressionSyntax tuple || tuple.Arguments.Count != elementTypes.Length)
        {
            if (expression is TupleExpressionSyntax)
                diagnostics.Add(CodeIssue.ArgumentMismatch, expression, $"This tuple has the wrong number of values; write {Allowed(target)}.");
            else
                Explain(expression, target);
            return false;
        }
        var elements = new object?[elementTypes.Length];
        var ok = true;
        for (var i = 0; i < elements.Length; i++)
        {
            var argument = tuple.Arguments[i];
            if (argument.NameColon is not null)
            {
                diagnostics.Add(CodeIssue.ArgumentMismatch, argument.NameColon, $"Write tuple values without names, as in {Example(target)}.");
                ok = false;
            }
            else if (TryRead(argument.Expression, elementTypes[i], nullable: false, out var element)) elements[i] = element;
            else ok = false;
        }
        if (ok) value = Activator.CreateInstance(target, elements);
        return ok;
    }

    /// <summary>Says why <paramref name="expression"/> is not a literal of <paramref name="target"/>, in terms of what it is.</summary>
    private void Explain(ExpressionSyntax expression, Type target)
    {
        var shown = DiagnosticBag.Show(expression);
        var allowed = Allowed(target);
        switch (expression)
        {
            case InterpolatedStringExpressionSyntax:
                diagnostics.Add(CodeIssue.Interpolation, expression,
                    "String interpolation ($\"...\") is not allowed: a definition holds fixed text. Use {{step.text}} placeholders, which the workflow fills in when it runs.");
                break;
            case InvocationExpressionSyntax call:
                diagnostics.Add(CodeIssue.MethodCall, expression,
                    $"'{DiagnosticBag.Show(call.Expression)}(...)' calls other code, which a definition cannot do (it is read, never run). Write {allowed} here.");
                break;
            case IdentifierNameSyntax:
                diagnostics.Add(CodeIssue.NotALiteral, expression,
                    $"'{shown}' is a variable or a name, but a definition holds only literal values. Write {allowed} here.");
                break;
            case MemberAccessExpressionSyntax:
                diagnostics.Add(CodeIssue.NotALiteral, expression,
                    $"'{shown}' refers to something outside the definition, which holds only literal values. Write {allowed} here.");
                break;
            case BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax:
                diagnostics.Add(CodeIssue.NotALiteral, expression, $"Creating objects is not allowed in a definition. Write {allowed} here.");
                break;
            case LambdaExpressionSyntax or AnonymousMethodExpressionSyntax:
                diagnostics.Add(CodeIssue.InvalidLambda, expression, $"A lambda is not allowed here. Write {allowed}.");
                break;
            case LiteralExpressionSyntax literal:
                diagnostics.Add(CodeIssue.WrongType, expression, $"Expected {allowed}, not {Describe(literal)}.");
                break;
            default:
                diagnostics.Add(CodeIssue.NotALiteral, expression, $"'{shown}' is not a literal value; a definition holds only literal values. Write {allowed} here.");
                break;
        }
    }

    private static string Describe(LiteralExpressionSyntax literal) => literal.Kind() switch
    {
        SyntaxKind.StringLiteralExpression => "text",
        SyntaxKind.Utf8StringLiteralExpression => "UTF-8 bytes (the u8 suffix)",
        SyntaxKind.NumericLiteralExpression => $"the number {literal.Token.Text}",
        SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => literal.Token.Text,
        SyntaxKind.CharacterLiteralExpression => "a character",
        SyntaxKind.DefaultLiteralExpression => "default",
        _ => literal.Token.Text,
    };
}
