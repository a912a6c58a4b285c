using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>Workflow ids double as file names and URL segments, so they are kept to a safe alphabet.</summary>
public static partial class WorkflowIds
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    public static string Explain(string id) =>
        $"The workflow id '{id}' must be 1-64 lowercase letters, digits or '-', starting with a letter or digit.";

    /// <summary>"Support ticket triage!" becomes "support-ticket-triage".</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > 56) slug = slug[..56].TrimEnd('-');
        return slug.Length == 0 ? "workflow" : slug;
    }

    /// <summary>The slug itself, or the slug with the first free "-2", "-3"... suffix.</summary>
    public static string Unique(string name, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var slug = Slug(name);
        if (!used.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!used.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }
}
