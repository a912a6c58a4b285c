using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Comparison;

/// <summary>
/// A pairwise judge: the Judge step (any configured model, the offline one by default) is shown two responses to one
/// case and scores 1 when the first is better, 0 when the second is, 0.5 for a tie. Each pair is shown in both orders,
/// so a judge that favours a position shows it as order flips.
/// </summary>
public sealed class PairwiseJudge(IModelGateway models, string model = PromptNode.DefaultModel, string? rubric = null)
{
    public const string DefaultRubric =
        "Two responses to the question follow, the first_response and the second_response. Decide which answers the question better: " +
        "correct (agreeing with the reference when one is given), complete and to the point. Judge what they say, not the order they are shown in. " +
        "Score 1 if the first response is better, 0 if the second response is better, 0.5 if they are equally good.";

    /// <summary>The tags the two responses are fenced in, inside the answer the Judge step fences in turn.</summary>
    public const string FirstTag = "first_response", SecondTag = "second_response";

    private readonly JudgeStepRun _judge = new(models);
    private readonly Workflow _withReference = Build(rubric ?? DefaultRubric, model, withReference: true);
    private readonly Workflow _withoutReference = Build(rubric ?? DefaultRubric, model, withReference: false);

    /// <summary>Both orders of one pair; null with the reason when the judge gave no verdict in either.</summary>
    public async Task<(PairJudgement? Judgement, string? Failure)> JudgeAsync(PairCase pair, CancellationToken ct = default)
    {
        var baselineFirst = await PreferAsync(pair, pair.Baseline, pair.Candidate, ct).ConfigureAwait(false);
        if (baselineFirst.Failure is not null) return (null, baselineFirst.Failure);
        var candidateFirst = await PreferAsync(pair, pair.Candidate, pair.Baseline, ct).ConfigureAwait(false);
        if (candidateFirst.Failure is not null) return (null, candidateFirst.Failure);
        return (new PairJudgement(pair.CaseId, baselineFirst.Preference, candidateFirst.Preference, baselineFirst.Reason, candidateFirst.Reason), null);
    }

    /// <summary>The pair as the judge reads it: each response in its own tag, a closing tag inside a response defused.</summary>
    public static string Present(string first, string second) =>
        $"{Fence(FirstTag, first)}\n\n{Fence(SecondTag, second)}";

    /// <summary>A score above the middle prefers the first response, below it the second.</summary>
    public static PairPreference PreferenceOf(double normalised) =>
        normalised > 0.5 ? PairPreference.First : normalised < 0.5 ? PairPreference.Second : PairPreference.Tie;

    private async Task<(PairPreference Preference, string Reason, string? Failure)> PreferAsync(PairCase pair, string first, string second, CancellationToken ct)
    {
        var inputs = new Dictionary<string, string> { ["question"] = pair.Question, ["pair"] = Present(first, second) };
        if (pair.Expected is { } expected) inputs["reference"] = expected;
        var (verdict, failure) = await _judge.RunAsync(pair.Expected is null ? _withoutReference : _withReference, inputs, ct).ConfigureAwait(false);
        return verdict is null ? (PairPreference.Tie, "", failure) : (PreferenceOf(verdict.Normalised), verdict.Reason, null);
    }

    private static string Fence(string tag, string text) =>
        $"<{tag}>\n{text.Replace($"</{tag}>", $"</ {tag}>", StringComparison.OrdinalIgnoreCase)}\n</{tag}>";

    private static Workflow Build(string rubric, string model, bool withReference)
    {
        // The pair is one input the subject repeats whole, so the Judge step does not count it as part of the question.
        var builder = new WorkflowBuilder("pairwise-judge", "Pairwise judge")
            .Input("question", i => i.Required(false).MaxLength(1_000_000))
            .Input("pair", i => i.Required(false).MaxLength(1_000_000));
        if (withReference) builder.Input("reference", i => i.Required(false).MaxLength(1_000_000));
        builder.Judge(JudgeStepRun.JudgeStep, j =>
            {
                j = j.Model(model).Rubric(rubric).Subject("{{pair}}").Scale(JudgeScale.ZeroToOne).PassAt(0.5);
                return withReference ? j.Reference("{{reference}}") : j;
            })
            .Output("verdict", "{{judge.reason}}")
            .Edge("question", JudgeStepRun.JudgeStep).Edge("pair", JudgeStepRun.JudgeStep)
            .Edge(JudgeStepRun.JudgeStep + ".pass", "verdict").Edge(JudgeStepRun.JudgeStep + ".fail", "verdict");
        if (withReference) builder.Edge("reference", JudgeStepRun.JudgeStep);
        return builder.Build();
    }
}
