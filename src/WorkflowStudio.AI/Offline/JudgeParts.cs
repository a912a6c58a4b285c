using System.Text.RegularExpressions;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// What the offline judge reads from a judge request: the subject under judgement (passed as data:
/// fenced or in a tag), and everything else — rubric, reference or context, the question asked and the
/// expected answer when tagged — to judge it against.
/// </summary>
public sealed partial record JudgeParts(string Subject, string Criteria, string? Reference, string? Question = null, string? Expected = null)
{
    private static readonly string[] SubjectTags = ["subject", "answer", "output", "response", "candidate"];
    private static readonly string[] ReferenceTags = ["reference", "context", "source", "sources"];
    private static readonly string[] QuestionTags = ["question", "query", "input", "inputs"];
    private static readonly string[] ExpectedTags = ["expected", "expected_answer", "ideal", "gold"];

    public static JudgeParts From(IReadOnlyList<ChatMessage> messages)
    {
        var text = string.Join("\n", messages.Select(m => m.Content));
        var tagged = Tag().Matches(text).ToDictionary(m => m.Groups["name"].Value.ToLowerInvariant(), m => m.Groups["body"].Value.Trim(), StringComparer.Ordinal);
        var subject = SubjectTags.Select(t => tagged.GetValueOrDefault(t)).FirstOrDefault(v => v is not null);
        var reference = ReferenceTags.Select(t => tagged.GetValueOrDefault(t)).FirstOrDefault(v => v is not null);
        var question = QuestionTags.Select(t => tagged.GetValueOrDefault(t)).FirstOrDefault(v => v is { Length: > 0 });
        var expected = ExpectedTags.Select(t => tagged.GetValueOrDefault(t)).FirstOrDefault(v => v is { Length: > 0 });
        var remainder = Tag().Replace(text, " ");

        if (subject is null)
        {
            var fences = Fence().Matches(text);
            if (fences.Count > 0)
            {
                // The fence introduced as the answer is judged; failing that the last, as prompts give the answer after what it is judged against.
                var judged = fences.FirstOrDefault(f => SubjectLabel().IsMatch(LeadIn(text, f))) ?? fences[^1];
                subject = judged.Groups["body"].Value.Trim();
                var others = fences.Where(f => f != judged).Select(f => f.Groups["body"].Value.Trim()).ToList();
                reference ??= others.Count > 0 ? string.Join("\n", others) : null;
                remainder = Fence().Replace(text, " ");
            }
        }
        if (subject is null)
        {
            // Unfenced: the last user message is what is judged, the rest is the rubric.
            subject = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Content ?? "";
            remainder = string.Join("\n", messages.Where(m => m.Role != ChatRole.User).Select(m => m.Content));
        }
        // A labelled rubric is what the answer should match; the evaluator instructions around it would only dilute that.
        var rubric = Rubric().Match(remainder);
        return new JudgeParts(subject, rubric.Success ? rubric.Groups["body"].Value.Trim() : remainder.Trim(), reference, question, expected);
    }

    /// <summary>
    /// The two responses of a pairwise request (each in its own tag inside the judged answer), or null when the
    /// request judges one answer.
    /// </summary>
    public (string First, string Second)? Pair()
    {
        var first = FirstResponse().Match(Subject);
        var second = SecondResponse().Match(Subject);
        return first.Success && second.Success ? (first.Groups["body"].Value.Trim(), second.Groups["body"].Value.Trim()) : null;
    }

    private static string LeadIn(string text, Match fence) =>
        text[..fence.Index].TrimEnd().Split('\n')[^1];

    /// <summary>The score range the prompt asks for, when it names one; otherwise 0 to 1.</summary>
    public static (double Min, double Max) ScaleOf(IReadOnlyList<ChatMessage> messages)
    {
        var text = string.Join("\n", messages.Select(m => m.Content));
        return OneToFive().IsMatch(text) ? (1, 5) : (0, 1);
    }

    [GeneratedRegex(@"<(?<name>[A-Za-z_]+)>(?<body>.*?)</\k<name>>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<fence>`{3,}|~{3,})[^\n]*\n(?<body>.*?)\n?\k<fence>", RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^[ \t]*rubric[ \t]*:(?<body>.+?)(?:\n[ \t]*\n|\z)", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Rubric();

    [GeneratedRegex(@"\b(?:answer|output|response|subject|candidate)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectLabel();

    [GeneratedRegex(@"<first_response>(?<body>.*?)</first_response>", RegexOptions.Singleline)]
    private static partial Regex FirstResponse();

    [GeneratedRegex(@"<second_response>(?<body>.*?)</second_response>", RegexOptions.Singleline)]
    private static partial Regex SecondResponse();

    [GeneratedRegex(@"\b1\s*(?:-|–|to)\s*5\b", RegexOptions.IgnoreCase)]
    private static partial Regex OneToFive();
}
