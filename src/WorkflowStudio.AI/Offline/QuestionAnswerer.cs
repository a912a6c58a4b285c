using System.Text.RegularExpressions;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Answers a question from context in the fewest sentences that carry the fact: the evidence sentence of each part
/// of the question (two sources when the question needs both), cited; for a part the context does not answer,
/// and for a question about something the context never mentions, it says the knowledge base does not say.
/// </summary>
public sealed partial class QuestionAnswerer(EvidenceSelector selector)
{
    public (string Text, double Strength) Answer(string question, IReadOnlyList<ContextSentence> context)
    {
        var evidence = selector.Select(question, context);
        if (evidence.UnknownName is { } name) return (Abstention.UnknownName(name), 0);
        if (!evidence.AnswersAny) return (Abstention.WeakEvidence(question), evidence.Parts.Max(p => p.Strength));

        var quoted = evidence.Parts.Select(p => p.Sentence).OfType<ContextSentence>().SelectMany(s => WithWhatItPointsBackTo(s, context)).Distinct().ToList();
        var declined = evidence.Parts.Where(p => p.Sentence is null).Select(p => Abstention.WeakEvidence(p.Part));
        var text = string.Join(" ", quoted.Select(q => q.Text).Concat(declined));
        return (ContextMarkup.WithSourcesLine(text, quoted), evidence.Parts.Where(p => p.Sentence is not null).Min(p => p.Strength));
    }

    // "After the reset, pair the widget again" makes sense only after the sentence that says how to reset.
    private static IEnumerable<ContextSentence> WithWhatItPointsBackTo(ContextSentence sentence, IReadOnlyList<ContextSentence> context)
    {
        var at = IndexOf(context, sentence);
        if (at > 0 && BackReference().IsMatch(sentence.Text) && context[at - 1].Source == sentence.Source) yield return context[at - 1];
        yield return sentence;
    }

    private static int IndexOf(IReadOnlyList<ContextSentence> context, ContextSentence sentence)
    {
        for (var i = 0; i < context.Count; i++) if (ReferenceEquals(context[i], sentence)) return i;
        return -1;
    }

    [GeneratedRegex(@"^(?:After (?:that|this|the \w+)|Then|This|That|These|Those)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackReference();
}
