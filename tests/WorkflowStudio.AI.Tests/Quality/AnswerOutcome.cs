using WorkflowStudio.AI.Offline;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>What the RAG pipeline (hybrid top-5 retrieval, then the offline model) did with one labelled question.</summary>
public sealed record AnswerOutcome(LabelledQuestion Question, IReadOnlyList<string> Retrieved, string Answer, double Strength)
{
    /// <summary>The share of the question's articles among the retrieved passages' documents.</summary>
    public double Recall => Question.Articles.Count == 0 ? 1 : Question.Articles.Count(Retrieved.Contains) / (double)Question.Articles.Count;

    public bool Abstained => Answer.StartsWith("The knowledge base does not say", StringComparison.Ordinal);

    public bool HasFacts => Question.Facts.All(f => Answer.Contains(f, StringComparison.OrdinalIgnoreCase));

    /// <summary>A near-miss answer that also quotes the competing number leaves the reader to guess which is right.</summary>
    public bool QuotesCompetitor => Question.Avoid?.Any(a => Answer.Contains(a, StringComparison.OrdinalIgnoreCase)) == true;

    public bool Passed => Question.IsAnswerable ? HasFacts && !QuotesCompetitor : Abstained;
}

/// <summary>The offline judge's verdict on one hand-labelled row.</summary>
public sealed record JudgeOutcome(JudgeRow Row, double Score, string Reason)
{
    // The RAG template's judge passes at 0.5.
    public bool JudgePasses => Score >= 0.5;

    public bool Agrees => JudgePasses == Row.HumanPasses;
}
