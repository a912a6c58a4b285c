using System.Text.RegularExpressions;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// How the offline model declines, and how the offline judge recognises a declining answer (its own or any
/// model's): declining is the right answer when the context lacks the fact, and a wrong one when it has it.
/// </summary>
public static partial class Abstention
{
    public static string UnknownName(string name) =>
        $"The knowledge base does not say anything about {name}: none of the passages given mentions it.";

    public static string WeakEvidence(string question) =>
        $"The knowledge base does not say: none of the passages given answers “{question.Trim()}”.";

    public static bool IsDecline(string answer) => Decline().IsMatch(answer);

    [GeneratedRegex(@"\b(?:does not say|doesn't say|do not know|don't know|not (?:mentioned|given|stated)|does not mention|doesn't mention|no information|cannot find|can't find|could not find|not in the (?:context|knowledge base)|unable to answer)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Decline();
}
