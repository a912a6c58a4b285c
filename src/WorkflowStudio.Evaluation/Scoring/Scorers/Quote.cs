namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>Keeps quoted outputs in reasons short enough for a table cell.</summary>
internal static class Quote
{
    public static string Short(string text, int max = 80) => text.Length <= max ? text : text[..max] + "…";
}
