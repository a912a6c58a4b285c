using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>
/// An LLM judge with a rubric. It runs a one-step workflow around the Judge step, so the scorer and the Judge step
/// share one engine (fenced answer, verdict parsing, scales, retries) and any configured model can judge;
/// the offline model is the default. The value is the normalised score (0-1).
/// </summary>
public sealed class JudgeScorer(string name, IModelGateway models, string rubric, string model = PromptNode.DefaultModel, double passAt = 0.7) : Scorer(name)
{
    private const string JudgeStep = JudgeStepRun.JudgeStep;

    private readonly JudgeStepRun _judge = new(models);

    private readonly Workflow _withReference = Build(rubric, model, passAt, withReference: true);
    private readonly Workflow _withoutReference = Build(rubric, model, passAt, withReference: false);

    protected override async ValueTask<Score> ScoreAsync(ScoringInput input, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, string> { ["question"] = input.Question, ["answer"] = input.Output };
        if (input.Expected is { } expected) inputs["reference"] = expected;
        var (verdict, failure) = await _judge.RunAsync(input.Expected is null ? _withoutReference : _withReference, inputs, cancellationToken).ConfigureAwait(false);
        return verdict is null ? Scoring.Score.Fail(null, failure!) : new Score(verdict.Normalised, verdict.Passed, verdict.Reason);
    }

    private static Workflow Build(string rubric, string model, double passAt, bool withReference)
    {
        var builder = new WorkflowBuilder("scorer-judge", "Judge scorer")
            .Input("question", i => i.Required(false).MaxLength(1_000_000))
            .Input("answer", i => i.Required(false).MaxLength(1_000_000));
        if (withReference) builder.Input("reference", i => i.Required(false).MaxLength(1_000_000));
        builder.Judge(JudgeStep, j =>
            {
                j = j.Model(model).Rubric(rubric).Subject("Question: {{question}}\n\nAnswer: {{answer}}").PassAt(passAt);
                return withReference ? j.Reference("{{reference}}") : j;
            })
            .Output("verdict", "{{judge.reason}}")
            .Edge("question", JudgeStep).Edge("answer", JudgeStep).Edge(JudgeStep + ".pass", "verdict").Edge(JudgeStep + ".fail", "verdict");
        if (withReference) builder.Edge("reference", JudgeStep);
        return builder.Build();
    }
}
