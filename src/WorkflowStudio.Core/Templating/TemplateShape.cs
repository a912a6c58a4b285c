namespace WorkflowStudio.Core.Templating;

/// <summary>
/// A linear scan of a template's tags before Fluid parses it. Fluid's parser and renderer recurse once per nested
/// block, bracket or chained operator, and a stack overflow cannot be caught, so deep shapes are refused up front.
/// </summary>
internal static class TemplateShape
{
    public const int MaxBlockDepth = 64;
    public const int MaxBracketDepth = 32;
    public const int MaxOperatorsPerTag = 64;

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "if", "unless", "for", "case", "capture", "tablerow", "comment", "raw", "ifchanged",
    };

    private static readonly HashSet<string> WordOperators = new(StringComparer.Ordinal) { "and", "or", "contains" };

    /// <summary>What is wrong with the template's shape, or null when Fluid can safely parse it.</summary>
    public static string? Check(string source)
    {
        var depth = 0;
        for (var start = source.IndexOf('{'); start >= 0 && start < source.Length - 1; start = source.IndexOf('{', start + 1))
        {
            var isTag = source[start + 1] == '%';
            if (!isTag && source[start + 1] != '{') continue;
            var end = source.IndexOf(isTag ? "%}" : "}}", start + 2, StringComparison.Ordinal);
            if (end < 0) return null; // Unclosed: Fluid reports it without recursing.
            var body = source.AsSpan(start + 2, end - start - 2).Trim("- \t\r\n");
            if (CheckExpression(body) is { } problem) return problem;
            if (isTag)
            {
                // {% liquid %} holds one tag per line.
                var lines = FirstWord(body) is "liquid" ? body[6..].ToString().Split('\n') : [body.ToString()];
                foreach (var line in lines)
                {
                    var name = FirstWord(line.AsSpan().Trim());
                    if (BlockTags.Contains(name)) depth++;
                    else if (name.StartsWith("end", StringComparison.Ordinal)) depth--;
                    if (depth > MaxBlockDepth)
                        return $"Blocks ({{% if %}}, {{% for %}}, {{% capture %}}...) are nested more than {MaxBlockDepth} deep; flatten the template.";
                }
            }
            start = end + 1;
        }
        return null;
    }

    private static string? CheckExpression(ReadOnlySpan<char> body)
    {
        int brackets = 0, operators = 0;
        var quote = '\0';
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(' or '[':
                    if (++brackets > MaxBracketDepth) return $"Brackets in a template tag are nested more than {MaxBracketDepth} deep.";
                    break;
                case ')' or ']':
                    brackets--;
                    break;
                case '|' or '=' or '<' or '>' or '!':
                    // "==", "<=" and the like count once.
                    if (i + 1 < body.Length && body[i + 1] == '=') i++;
                    operators++;
                    break;
                default:
                    if (char.IsLetter(c) && (i == 0 || !char.IsLetterOrDigit(body[i - 1]) && body[i - 1] != '_' && body[i - 1] != '.'))
                    {
                        var word = FirstWord(body[i..]);
                        if (WordOperators.Contains(word)) operators++;
                        i += word.Length - 1;
                    }
                    break;
            }
            if (operators > MaxOperatorsPerTag)
                return $"A template tag chains more than {MaxOperatorsPerTag} operators and filters; split it into several tags.";
        }
        return null;
    }

    private static string FirstWord(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (char.IsLetterOrDigit(text[length]) || text[length] == '_')) length++;
        return text[..length].ToString();
    }
}
