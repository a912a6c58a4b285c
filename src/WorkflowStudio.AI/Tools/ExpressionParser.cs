using System.Globalization;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// Evaluates arithmetic — numbers, + - * / % ^, parentheses and a few named functions and constants —
/// by recursive descent. Nothing is compiled or executed, so a calculator input cannot run code.
/// </summary>
public sealed class ExpressionParser
{
    public const int MaxLength = 1000;
    private const int MaxDepth = 64;

    private static readonly Dictionary<string, double> Constants = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pi"] = Math.PI,
        ["e"] = Math.E,
    };

    private static readonly Dictionary<string, (int Arity, Func<double[], double> Apply)> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqrt"] = (1, a => Math.Sqrt(a[0])),
        ["abs"] = (1, a => Math.Abs(a[0])),
        ["round"] = (1, a => Math.Round(a[0], MidpointRounding.AwayFromZero)),
        ["floor"] = (1, a => Math.Floor(a[0])),
        ["ceil"] = (1, a => Math.Ceiling(a[0])),
        ["ln"] = (1, a => Math.Log(a[0])),
        ["log"] = (1, a => Math.Log10(a[0])),
        ["exp"] = (1, a => Math.Exp(a[0])),
        ["sin"] = (1, a => Math.Sin(a[0])),
        ["cos"] = (1, a => Math.Cos(a[0])),
        ["tan"] = (1, a => Math.Tan(a[0])),
        ["min"] = (2, a => Math.Min(a[0], a[1])),
        ["max"] = (2, a => Math.Max(a[0], a[1])),
        ["pow"] = (2, a => Math.Pow(a[0], a[1])),
    };

    private readonly string _text;
    private int _position;
    private int _depth;

    private ExpressionParser(string text) => _text = text;

    /// <exception cref="FormatException">The expression is malformed, too long, too deep, or has no finite value.</exception>
    public static double Evaluate(string expression)
    {
        if (expression.Length > MaxLength) throw new FormatException($"The expression is longer than {MaxLength} characters.");
        var parser = new ExpressionParser(expression);
        var value = parser.Sum();
        parser.SkipSpaces();
        if (parser._position < expression.Length) throw parser.Error($"unexpected '{expression[parser._position]}'");
        if (!double.IsFinite(value)) throw new FormatException("The expression has no finite value (division by zero or out of range).");
        return value;
    }

    private double Sum()
    {
        var value = Product();
        while (Accept('+', '-') is { } op) value = op == '+' ? value + Product() : value - Product();
        return value;
    }

    private double Product()
    {
        var value = Power();
        while (Accept('*', '/', '%', '×', '÷') is { } op)
        {
            var right = Power();
            value = op switch { '*' or '×' => value * right, '/' or '÷' => value / right, _ => value % right };
        }
        return value;
    }

    private double Power()
    {
        var value = Unary();
        // Right-associative: 2^3^2 is 2^9.
        return Accept('^') is null ? value : Math.Pow(value, Power());
    }

    private double Unary()
    {
        if (++_depth > MaxDepth) throw Error("nested too deeply");
        try
        {
            return Accept('-', '+') switch
            {
                '-' => -Unary(),
                '+' => Unary(),
                _ => Primary(),
            };
        }
        finally
        {
            _depth--;
        }
    }

    private double Primary()
    {
        SkipSpaces();
        if (_position >= _text.Length) throw Error("the expression ends too early");
        var c = _text[_position];
        if (Accept('(') is not null)
        {
            var value = Sum();
            Expect(')');
            return value;
        }
        if (char.IsDigit(c) || c == '.') return Number();
        if (char.IsLetter(c)) return Named();
        throw Error($"unexpected '{c}'");
    }

    private double Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] == '.')) _position++;
        if (_position < _text.Length && _text[_position] is 'e' or 'E' && _position + 1 < _text.Length && (char.IsDigit(_text[_position + 1]) || _text[_position + 1] is '-' or '+'))
        {
            _position += 2;
            while (_position < _text.Length && char.IsDigit(_text[_position])) _position++;
        }
        var token = _text[start.._position];
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Error($"'{token}' is not a number", start);
    }

    private double Named()
    {
        var start = _position;
        while (_position < _text.Length && char.IsLetter(_text[_position])) _position++;
        var name = _text[start.._position];
        if (Functions.TryGetValue(name, out var function))
        {
            Expect('(');
            var arguments = new double[function.Arity];
            for (var i = 0; i < function.Arity; i++)
            {
                if (i > 0) Expect(',');
                arguments[i] = Sum();
            }
            Expect(')');
            return function.Apply(arguments);
        }
        return Constants.TryGetValue(name, out var constant) ? constant : throw Error($"unknown name '{name}'", start);
    }

    private char? Accept(params ReadOnlySpan<char> options)
    {
        SkipSpaces();
        if (_position < _text.Length && options.Contains(_text[_position])) return _text[_position++];
        return null;
    }

    private void Expect(char c)
    {
        if (Accept(c) is null) throw Error($"expected '{c}'");
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private FormatException Error(string problem, int? at = null) =>
        new($"Cannot evaluate the expression: {problem} at position {(at ?? _position) + 1}.");
}
