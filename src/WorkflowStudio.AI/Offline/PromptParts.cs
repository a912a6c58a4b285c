using System.Text.RegularExpressions;
using WorkflowStudio.AI.Text;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Offline;

/// <summary>What the offline model reads from a chat: the question being asked and the context sentences it may quote.</summary>
public sealed partial record PromptParts(string Question, IReadOnlyList<ContextSentence> Context)
{
    public static PromptParts From(IReadOnlyList<ChatMessage> messages, string? extraContext = null)
    {
        var lastUser = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Content ?? "";
        var question = QuestionOf(lastUser);

        // The system prompt says how to behave rather than what is true, so it is quoted only when nothing else is given.
        // A remembered answer's sources line cites rather than informs, and "Sources:" would otherwise read as a context label.
        var sources = messages.Where(m => m.Role != ChatRole.System)
            .Select(m => ContextOf(m.Role == ChatRole.Assistant ? ContextMarkup.WithoutSourcesLine(m.Content) : m.Content))
            .ToList();
        if (extraContext is not null) sources.Insert(0, extraContext);
        var context = ContextSentences(sources, question);
        if (context.Count == 0) context = ContextSentences(messages.Where(m => m.Role == ChatRole.System).Select(m => m.Content), question);
        return new PromptParts(question, context);
    }

    /// <summary>
    /// What the quoted sentences should be similar to: the topic of a writing instruction ("Write an article about X"),
    /// whose other words would pull in sentences about writing rather than about X; otherwise the question itself.
    /// </summary>
    public string Focus => Topic ?? Question;

    /// <summary>The topic of a writing instruction ("Write a short article about X"), or null when the prompt asks for something else.</summary>
    public string? Topic => WritingTopic().Match(Question) is { Success: true } topic ? topic.Groups["topic"].Value.Trim() : null;

    /// <summary>Whether the prompt asks a question (rather than, say, to draft a reply), so an answer may have to say the context lacks it.</summary>
    public bool IsQuestion => LooksLikeQuestion(Question);

    public static bool LooksLikeQuestion(string text) => text.TrimEnd().EndsWith('?') || QuestionStart().IsMatch(text.TrimStart());

    private static string QuestionOf(string prompt)
    {
        var labelled = Label().Matches(prompt).LastOrDefault();
        if (labelled is not null) return labelled.Groups["value"].Value.Trim();
        var sentences = Sentences.Split(prompt).Select(s => Label().Replace(s, m => m.Groups["value"].Value).Trim()).ToList();
        return sentences.LastOrDefault(s => s.EndsWith('?')) ?? sentences.FirstOrDefault() ?? "";
    }

    // When a message labels its context ("Context:", "Sources:"), only that block is quotable, not the instructions around it.
    private static string ContextOf(string message)
    {
        var starts = ContextLabel().Matches(message);
        if (starts.Count == 0) return message;
        var blocks = new List<string>();
        foreach (Match start in starts)
        {
            var from = start.Index + start.Length;
            var end = Label().Match(message, from) is { Success: true } next ? next.Index : message.Length;
            blocks.Add(start.Groups["inline"].Value + "\n" + message[from..Math.Max(from, end)]);
        }
        return string.Join("\n", blocks);
    }

    private static List<ContextSentence> ContextSentences(IEnumerable<string> sources, string question) =>
        sources.SelectMany(ContextMarkup.Read)
            .Select(s => s with { Text = Label().Replace(s.Text, m => m.Groups["value"].Value).Trim() })
            .Where(s => s.Text.Length > 0 && !s.Text.Equals(question, StringComparison.Ordinal) && !HeadingOnly().IsMatch(s.Text))
            // Overlapping chunks repeat sentences; the first occurrence keeps its source.
            .DistinctBy(s => s.Text, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"^(?:please\s+)?(?:write|draft|compose|create|produce|prepare)\b[^?]*?\b(?:about|on)\s+(?<topic>[^.!?\n]+)[.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex WritingTopic();

    [GeneratedRegex(@"^(?:how|what|when|where|which|who|whom|whose|why|is|are|can|could|do|does|did|should|will|would|may|has|have)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionStart();

    // A labelled ticket is what to reply to, not context to quote back to its sender.
    [GeneratedRegex(@"^\s*(?:question|query|task|request|ticket|q)\s*:\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Label();

    [GeneratedRegex(@"^[ \t]*(?:context|sources?|documents?|passages?|references?|articles?|knowledge|information|facts)[ \t]*:[ \t]*(?<inline>.*)$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ContextLabel();

    // Lines such as "Context:", "## Sources" or a heading trail ("Billing > Refunds") introduce context but say nothing themselves.
    [GeneratedRegex(@"^#+\s|^[\w ]{1,30}:$|^```\w*$|^[-=*_]{3,}$|^[^.!?]+ > [^.!?]+$")]
    private static partial Regex HeadingOnly();
}
