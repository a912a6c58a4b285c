using System.Globalization;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>Levenshtein distance over user-perceived characters, so "é" written as e + accent counts once.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var x = Elements(a);
        var y = Elements(b);
        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (var j = 0; j <= y.Length; j++) previous[j] = j;
        for (var i = 1; i <= x.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
            {
                var substitution = previous[j - 1] + (string.Equals(x[i - 1], y[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[y.Length];
    }

    /// <summary>1 for equal texts, 0 for nothing in common: 1 − distance / longer length.</summary>
    public static double Similarity(string a, string b)
    {
        var longer = Math.Max(Elements(a).Length, Elements(b).Length);
        return longer == 0 ? 1 : 1 - (double)Between(a, b) / longer;
    }

    private static string[] Elements(string text)
    {
        if (text.Length == 0) return [];
        var elements = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text.Normalize());
        while (enumerator.MoveNext()) elements.Add(enumerator.GetTextElement());
        return [.. elements];
    }
}
