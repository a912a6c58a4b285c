namespace WorkflowStudio.AI.Offline;

/// <summary>
/// The offline judge's reason in plain words. It is shown in the run panel and templates quote it in
/// their outputs and feedback, so it says what was checked and what fell short, in words rather than
/// similarity figures, and says how it was judged so nobody mistakes it for a reasoned review.
/// </summary>
public static class JudgeReason
{
    private const string Method = "(Offline judge: scored by similarity of meaning, not by reasoning.)";

    /// <summary>How a judgement that had the question was made.</summary>
    public const string FactMethod = "(Offline judge: checked by meaning and exact quantities and names, not by reasoning.)";
    /// <summary>How a pair was judged: each response alone, so the order they were shown in cannot sway it.</summary>
    public const string PairMethod = "(Offline judge: each response judged alone by meaning and exact quantities and names, so the order they are shown in cannot change the verdict.)";
    private const int QuoteLength = 100;

    /// <summary>A reason without its closing note on the method, for quoting inside another reason.</summary>
    public static string WithoutMethod(string reason)
    {
        var note = reason.LastIndexOf(" (Offline judge:", StringComparison.Ordinal);
        return note < 0 ? reason : reason[..note];
    }

    public static string Empty { get; } = "There was no answer to judge: it is empty. " + Method;

    public static string Declined(double relevance) =>
        $"The answer declines or reports that there was nothing to work from, so it does not do what the rubric asks (in meaning it is {Closeness(relevance)} the rubric). {Method}";

    public static string RubricOnly(double relevance) =>
        $"In meaning, the answer is {Closeness(relevance)} the rubric. {Method}";

    /// <param name="unsupported">The first sentence of the answer the reference does not back, if any.</param>
    public static string WithReference(double relevance, double agreement, int supported, int total, string? unsupported) =>
        $"{Support(supported, total, unsupported)} It covers {Coverage(agreement)} what the reference says and is {Closeness(relevance)} the rubric in meaning. {Method}";

    private static string Support(int supported, int total, string? unsupported)
    {
        var example = unsupported is null ? "" : $": “{Quote(unsupported)}”";
        return (supported, total) switch
        {
            (_, 0) => "The answer has no sentences to check against the reference.",
            (1, 1) => "The answer's one sentence is backed by the reference.",
            (0, 1) => $"The answer's one sentence is not backed by the reference{example}.",
            var (s, t) when s == t => $"All {t} sentences of the answer are backed by the reference.",
            (0, var t) => $"None of the answer's {t} sentences is backed by the reference, for example{example}.",
            var (s, t) => $"{s} of the answer's {t} sentences {(s == 1 ? "is" : "are")} backed by the reference; not backed{example}.",
        };
    }

    // Bands over the 0-1 similarity scale the judge computes; a few words read better than a decimal.
    private static string Closeness(double similarity) => similarity switch
    {
        >= 0.7 => "close to",
        >= 0.4 => "somewhat close to",
        _ => "far from",
    };

    // Whole-answer similarity to the reference; a short, fully backed answer covers only part of a long reference, which is no fault.
    private static string Coverage(double similarity) => similarity switch
    {
        >= 0.7 => "much of",
        >= 0.4 => "part of",
        _ => "little of",
    };

    // The sentence's own full stop is dropped so the quote can end the reason's sentence.
    public static string Quote(string sentence)
    {
        var text = sentence.TrimEnd('.', ' ');
        return text.Length <= QuoteLength ? text : text[..QuoteLength].TrimEnd() + "…";
    }
}
