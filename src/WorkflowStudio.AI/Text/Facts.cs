using System.Text.RegularExpressions;

namespace WorkflowStudio.AI.Text;

/// <summary>A number as written with the unit that follows it (or the currency before it): "30 days", "$4.99", "5-year".</summary>
public sealed record Quantity(string Value, string Unit)
{
    public override string ToString() => Unit.Length == 0 ? Value : $"{Value} {Unit}";
}

/// <summary>
/// The exact facts of a text that meaning alone blurs: quantities and names. "30 days" and "60 days" embed
/// almost alike, and so do "the Plus plan" and "the Pro plan"; the offline model and judge compare these exactly.
/// </summary>
public static partial class Facts
{
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "I'm", "I've", "A", "An", "The", "Is", "Are", "Can", "Do", "Does", "How", "What", "When", "Where", "Which", "Who", "Why",
        "Will", "Should", "Could", "Would", "Yes", "No", "Please", "Hi", "Hello", "Thanks", "Sources", "Source",
    };

    public static IReadOnlyList<Quantity> Quantities(string text) =>
        Number().Matches(text).Select(m => new Quantity(
            m.Groups["value"].Value.Replace(",", "", StringComparison.Ordinal),
            m.Groups["currency"].Success ? m.Groups["currency"].Value : Unit(m.Groups["unit"].Value))).ToList();

    /// <summary>Capitalised words and codes that are not the first word of a sentence, lower-cased: the names a question is about.</summary>
    public static IReadOnlySet<string> Names(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in Sentences.Split(text))
        {
            var words = NameWord().Matches(sentence).Select(m => Possessive().Replace(m.Value, "")).ToList();
            for (var i = 1; i < words.Count; i++)
            {
                var word = words[i];
                // A word after a number is its unit ("400 Wh", "15 GB"), and "12-month" is a quantity, not a name.
                if (NotNames.Contains(word) || char.IsDigit(word[0]) || char.IsDigit(words[i - 1][0])) continue;
                if (char.IsUpper(word[0]) || word.Any(char.IsDigit)) names.Add(word.ToLowerInvariant());
            }
        }
        return names;
    }

    /// <summary>The words of a text written with a capital (wherever they stand), lower-cased: the names it can be said to mention.</summary>
    public static IReadOnlySet<string> CapitalisedWords(string text) =>
        NameWord().Matches(text).Where(m => char.IsUpper(m.Value[0]) || m.Value.Any(char.IsDigit))
            .Select(m => Possessive().Replace(m.Value, "").ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The lower-cased words of a text, for checking whether it mentions a name.</summary>
    public static IReadOnlySet<string> Words(string text) =>
        NameWord().Matches(text).Select(m => Possessive().Replace(m.Value, "").ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the text says no, not, never and the like: "covered" and "not covered" embed almost alike.</summary>
    public static bool IsNegated(string text) => Negation().IsMatch(text);

    public static bool Contains(IEnumerable<Quantity> quantities, Quantity wanted) =>
        quantities.Any(q => q.Value == wanted.Value && (q.Unit == wanted.Unit || q.Unit.Length == 0 || wanted.Unit.Length == 0));

    // Words that can follow a number without being its unit ("12, 24 or 36", "3 to 5").
    private static readonly HashSet<string> NotUnits = new(StringComparer.Ordinal)
    {
        "or", "and", "to", "of", "the", "a", "an", "in", "on", "at", "for", "is", "are", "was", "with", "by", "from", "per", "x",
    };

    // "days"/"day", "years"/"year", "hours"/"hour" name one unit.
    private static string Unit(string word)
    {
        var unit = word.ToLowerInvariant();
        if (NotUnits.Contains(unit)) return "";
        return unit.Length > 3 && unit.EndsWith('s') ? unit[..^1] : unit;
    }

    // A number with an optional currency before it and an optional unit word (or %) after it, "-" joined or spaced.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<currency>[$€£])?(?<value>\d+(?:[.,]\d+)*)(?:\s?(?<unit>%|°C)|[-\s](?<unit>[A-Za-z]{1,12}(?:/[a-z]+)?))?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:not|no|never|cannot|can't|isn't|aren't|doesn't|don't|won't|nothing|none)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*(?:['’]s)?")]
    private static partial Regex NameWord();

    [GeneratedRegex(@"['’]s$")]
    private static partial Regex Possessive();
}
