using System.Globalization;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// The offline model's judge. Given the question, it checks what a reviewer checks: relevance (the answer carries
/// what the context's evidence for each part of the question says), groundedness (every claim is backed by a
/// context sentence with the same quantities and names), correctness against the expected answer when one is given
/// (quantities, units and names must match) and abstention (declining is right only when the context lacks the
/// answer). Without a question it falls back to similarity with the rubric and the reference.
/// </summary>
public sealed class OfflineJudge(Embedder embedder, EvidenceSelector selector, ClaimChecker checker)
{
    // MiniLM cosine at which an answer sentence restates an evidence sentence.
    private const double RestatesAt = 0.75;

    // MiniLM cosine mapped onto 0-1 for the similarity-only scores: related sentences sit around 0.3-0.8.
    private const double SimilarityFloor = 0.15;
    private const double SimilarityCeiling = 0.75;

    public (double Score, string Reason) Judge(JudgeParts parts)
    {
        if (parts.Pair() is { } pair) return JudgePair(parts, pair.First, pair.Second);
        if (string.IsNullOrWhiteSpace(parts.Subject)) return (0, JudgeReason.Empty);
        var answer = ContextMarkup.WithoutSourcesLine(parts.Subject);
        var context = parts.Reference is { Length: > 0 } reference ? ContextMarkup.Read(reference) : [];
        return parts.Question is { } question && PromptParts.LooksLikeQuestion(question)
            ? ByQuestion(question, answer, context, parts.Expected)
            : ByRubric(parts, answer, context);
    }

    /// <summary>
    /// A pairwise request: each response is judged alone against the same question and reference, and the higher score
    /// wins (1 the first, 0 the second, 0.5 a tie). Judged alone, neither can gain from its place.
    /// </summary>
    private (double, string) JudgePair(JudgeParts parts, string first, string second)
    {
        var (firstScore, firstReason) = Judge(parts with { Subject = first });
        var (secondScore, secondReason) = Judge(parts with { Subject = second });
        var (score, verdict) = firstScore > secondScore ? (1.0, "The first response is better")
            : firstScore < secondScore ? (0.0, "The second response is better") : (0.5, "The two responses are equally good");
        return (score, string.Create(CultureInfo.InvariantCulture,
            $"{verdict} ({firstScore:0.00} against {secondScore:0.00}). First response: {JudgeReason.WithoutMethod(firstReason)} " +
            $"Second response: {JudgeReason.WithoutMethod(secondReason)} {JudgeReason.PairMethod}"));
    }

    private (double, string) ByQuestion(string question, string answer, IReadOnlyList<ContextSentence> context, string? expected)
    {
        var sentences = Sentences.Split(answer).Where(s => !s.StartsWith("Sources:", StringComparison.Ordinal)).ToList();
        var declines = sentences.Where(Abstention.IsDecline).ToList();
        // "Yes." or "No, …" opens an answer; the sentence after it is the claim.
        var statements = sentences.Except(declines).Where(s => Sentences.Words(s).Count > 2).ToList();
        var declined = statements.Count == 0 && declines.Count > 0;
        var failures = new List<string>();

        if (expected is not null) failures.AddRange(AgainstExpected(answer, declined, expected));
        var evidence = context.Count > 0 ? selector.Select(question, context) : null;
        var claims = checker.Check(statements, context);
        if (declined)
        {
            if (evidence is { AnswersAll: true })
                failures.Add($"Abstention: the answer declines, but the context answers it: “{JudgeReason.Quote(evidence.Parts[0].Sentence!.Text)}”.");
            return Verdict(failures, claims, "It rightly declines: the context does not answer the question.");
        }
        if (evidence?.UnknownName is { } name)
            failures.Add($"Abstention: the question asks about {name}, which the context never mentions, yet the answer does not decline.");
        else if (evidence is not null)
            failures.AddRange(Relevance(evidence, answer, claims, declines.Count > 0));
        if (context.Count > 0 && claims.FirstOrDefault(c => !c.IsBacked) is { } unbacked)
            failures.Add($"Groundedness: “{JudgeReason.Quote(unbacked.Text)}” is not backed: {unbacked.Problem}.");
        return Verdict(failures, claims, "It answers the question and every claim is backed by the context" + (expected is null ? "." : " and matches the expected answer."));
    }

    /// <summary>Each part of the question the context answers must be answered: the answer restates its evidence or carries its quantities.</summary>
    private IEnumerable<string> Relevance(EvidenceSet evidence, string answer, IReadOnlyList<Claim> claims, bool declinesSomething)
    {
        foreach (var part in evidence.Parts)
        {
            if (part.Sentence is not { } sentence)
            {
                if (!declinesSomething) yield return $"Abstention: the context does not answer “{JudgeReason.Quote(part.Part)}”, and the answer does not say so.";
                continue;
            }
            // Evidence with quantities is answered by giving them; evidence without, by restating it.
            var quantities = Facts.Quantities(sentence.Text);
            var answered = claims.Any(c => c.Backing is { } backing && part.Candidates.Contains(backing))
                || quantities.Count > 0 && quantities.All(q => Facts.Contains(Facts.Quantities(answer), q))
                || quantities.Count == 0 && claims.Any(c => Embedder.Similarity(embedder.Embed(c.Text), embedder.Embed(sentence.Text)) >= RestatesAt);
            if (!answered) yield return $"Relevance: it does not answer “{JudgeReason.Quote(part.Part)}”; the context says “{JudgeReason.Quote(sentence.Text)}”.";
        }
    }

    /// <summary>Quantities, units and names of the expected answer must all be in the answer, and no other value of the same unit.</summary>
    private static IEnumerable<string> AgainstExpected(string answer, bool declined, string expected)
    {
        var expectedDeclines = Abstention.IsDecline(expected);
        if (declined != expectedDeclines)
        {
            yield return declined
                ? $"Correctness: the answer declines, but the expected answer is “{JudgeReason.Quote(expected)}”."
                : "Correctness: the expected answer declines, but this answer does not.";
            yield break;
        }
        var wanted = Facts.Quantities(expected);
        var given = Facts.Quantities(answer);
        if (wanted.FirstOrDefault(q => !Facts.Contains(given, q)) is { } missing)
        {
            var instead = given.FirstOrDefault(g => g.Unit == missing.Unit);
            yield return instead is null
                ? $"Correctness: it does not give {missing}, the expected answer."
                : $"Correctness: it says {instead} where the expected answer says {missing}.";
        }
        var words = Facts.Words(answer);
        if (Facts.Names(expected).FirstOrDefault(n => !words.Contains(n)) is { } name)
            yield return $"Correctness: it does not name {name}, as the expected answer does.";
    }

    private static (double, string) Verdict(List<string> failures, IReadOnlyList<Claim> claims, string praise)
    {
        if (failures.Count > 0) return (Math.Round(0.4 / failures.Count, 2), string.Join(" ", failures) + " " + JudgeReason.FactMethod);
        // A pass scores 0.7-1, higher the closer its claims are to their evidence.
        var closeness = claims.Count == 0 ? 1 : claims.Average(c => c.Similarity);
        return (Math.Round(0.7 + 0.3 * Math.Clamp(closeness, 0, 1), 2), praise + " " + JudgeReason.FactMethod);
    }

    private (double, string) ByRubric(JudgeParts parts, string answer, IReadOnlyList<ContextSentence> context)
    {
        var subject = embedder.Embed(answer);
        var criteria = parts.Criteria.Length > 0 ? parts.Criteria : parts.Reference ?? parts.Subject;
        var relevance = Normalise(Embedder.Similarity(subject, embedder.Embed(criteria)));
        // Opening by declining or reporting that nothing was found does not do what a rubric asks, however close in meaning.
        if (Abstention.IsDecline(Sentences.Split(answer).FirstOrDefault() ?? "") || ArticleWriter.IsNothingToWrite(answer)) return (0.1, JudgeReason.Declined(relevance));
        if (parts.Reference is not { Length: > 0 } reference) return (Math.Round(relevance, 2), JudgeReason.RubricOnly(relevance));

        // Markdown headings and a sources line structure a piece; they claim nothing.
        var claims = checker.Check(Sentences.Split(answer).Where(s => !s.StartsWith('#') && !s.StartsWith("Sources:", StringComparison.Ordinal)).ToList(), context);
        var supported = claims.Count(c => c.IsBacked);
        var grounding = claims.Count == 0 ? 0 : (double)supported / claims.Count;
        var agreement = Normalise(Embedder.Similarity(subject, embedder.Embed(reference)));
        var score = (relevance + grounding + agreement) / 3;
        return (Math.Round(score, 2), JudgeReason.WithReference(relevance, agreement, supported, claims.Count, claims.FirstOrDefault(c => !c.IsBacked)?.Text));
    }

    private static double Normalise(double similarity) =>
        Math.Clamp((similarity - SimilarityFloor) / (SimilarityCeiling - SimilarityFloor), 0, 1);
}
