using System.Globalization;
using System.Text;

namespace WorkflowStudio.CodeSync;

/// <summary>Writes values as C# literals that read back (by Roslyn and by the compiler) to exactly the same value.</summary>
internal static class CSharpLiterals
{
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Quoted(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Number(d),
        Enum e => EnumMember(e),
        _ => throw new ArgumentException($"A {value.GetType().Name} value cannot be written as a C# literal.", nameof(value)),
    };

    /// <summary>
    /// Multi-line text as a raw string whose content is indented one step past <paramref name="indent"/>; anything else
    /// as a quoted string. Raw strings are used only where every character shows as itself, so nothing hides in them.
    /// </summary>
    public static string Text(string text, int indent) => WritesAsRaw(text) ? Raw(text, indent) : Quoted(text);

    public static string Quoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\0': builder.Append("\\0"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && IsVisible(char.ConvertToUtf32(c, text[i + 1])))
                        builder.Append(c).Append(text[++i]);
                    else if (char.IsSurrogate(c) || !IsVisible(c))
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        // Negative zero equals zero; writing "0" keeps code → workflow → code a fixed point.
        return value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string EnumMember(Enum value)
    {
        var type = value.GetType();
        return Enum.IsDefined(type, value)
            ? $"{type.Name}.{value}"
            : throw new ArgumentException($"{value} is not a named {type.Name} value, so it cannot be written as C#.", nameof(value));
    }

    private static string Raw(string text, int indent)
    {
        var quotes = new string('"', Math.Max(3, LongestQuoteRun(text) + 1));
        var builder = new StringBuilder(text.Length + 64).Append(quotes).Append('\n');
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0) builder.Append(' ', indent + 4).Append(line);
            builder.Append('\n');
        }
        return builder.Append(' ', indent + 4).Append(quotes).ToString();
    }

    // Editors strip trailing blanks and normalise line ends, so such text is kept in escaped form where it cannot change.
    private static bool WritesAsRaw(string text)
    {
        if (!text.Contains('\n')) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (i > 0 && text[i - 1] is ' ' or '\t') return false;
                continue;
            }
            if (c == '\t') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsVisible(char.ConvertToUtf32(c, text[++i]))) return false;
                continue;
            }
            if (char.IsSurrogate(c) || !IsVisible(c)) return false;
        }
        return text[^1] is not (' ' or '\t');
    }

    private static int LongestQuoteRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    private static bool IsVisible(int codePoint) => codePoint == ' ' || CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };
}
