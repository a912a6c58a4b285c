using System.Globalization;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>
/// A saved workflow as a scorer, so teams write their own metrics in the designer. The workflow receives the case's
/// question, the output under test and the expected value through the inputs it declares (<c>input</c> or
/// <c>question</c>, <c>output</c> or <c>answer</c>, <c>expected</c> or <c>reference</c>) and returns its verdict in an
/// output named <c>score</c> (or its first output): a number from 0 to 1, true/false or pass/fail; an output named
/// <c>reason</c> says why.
/// </summary>
public sealed class WorkflowScorer : Scorer
{
    public const string ScoreOutput = "score";
    public const string ReasonOutput = "reason";

    private static readonly string[] QuestionInputs = ["input", "question"];
    private static readonly string[] OutputInputs = ["output", "answer"];
    private static readonly string[] ExpectedInputs = ["expected", "reference"];

    private readonly Runner _runner;
    private readonly Workflow _judge;
    private readonly double _passAt;
    private readonly string _scoreOutput;

    public WorkflowScorer(string name, Runner runner, Workflow judge, double passAt = 0.5) : base(name)
    {
        _runner = runner;
        _judge = judge;
        _passAt = passAt;
        var unknown = judge.Inputs.FirstOrDefault(i => i.Required && !QuestionInputs.Concat(OutputInputs).Concat(ExpectedInputs).Contains(i.Id));
        if (unknown is not null)
            throw new ArgumentException($"workflow '{judge.Id}' needs input '{unknown.Id}'; a scorer workflow takes input, output and expected.");
        if (!judge.Inputs.Any(i => OutputInputs.Contains(i.Id)))
            throw new ArgumentException($"workflow '{judge.Id}' has no 'output' input, so it cannot see what it scores.");
        _scoreOutput = judge.Outputs.FirstOrDefault(o => o.Id == ScoreOutput)?.Id ?? judge.Outputs.FirstOrDefault()?.Id
            ?? throw new ArgumentException($"workflow '{judge.Id}' has no output; give it a 'score' output.");
    }

    protected override async ValueTask<Score> ScoreAsync(ScoringInput input, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declared in _judge.Inputs)
        {
            if (QuestionInputs.Contains(declared.Id)) inputs[declared.Id] = input.Question;
            else if (OutputInputs.Contains(declared.Id)) inputs[declared.Id] = input.Output;
            else if (ExpectedInputs.Contains(declared.Id)) inputs[declared.Id] = input.Expected ?? "";
        }
        await foreach (var e in _runner.RunAsync(_judge, inputs, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case RunCompleted done:
                    return Verdict(done.Outputs);
                case RunFailed failed:
                    return Scoring.Score.Fail(null, $"The scorer workflow failed: {failed.Message}");
                case RunCancelled:
                    cancellationToken.ThrowIfCancellationRequested();
                    return Scoring.Score.Fail(null, "The scorer workflow was cancelled.");
            }
        }
        return Scoring.Score.Fail(null, "The scorer workflow ended without a result.");
    }

    private Score Verdict(IReadOnlyDictionary<string, object?> outputs)
    {
        var reason = outputs.TryGetValue(ReasonOutput, out var r) && Text(r) is { Length: > 0 } given ? given : null;
        if (!outputs.TryGetValue(_scoreOutput, out var raw))
            return Scoring.Score.Fail(null, $"The scorer workflow did not reach its '{_scoreOutput}' output{(reason is null ? "" : ": " + reason)}.");
        var text = Text(raw).Trim();
        double? value = text.ToLowerInvariant() switch
        {
            "true" or "pass" or "passed" => 1,
            "false" or "fail" or "failed" => 0,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 1 ? number : null,
        };
        if (value is not { } score)
            return Scoring.Score.Fail(null, $"The scorer workflow's '{_scoreOutput}' is “{Quote.Short(text)}”; it should be a number from 0 to 1, true/false or pass/fail.");
        reason ??= $"Score {score.ToString("0.###", CultureInfo.InvariantCulture)} from workflow '{_judge.Id}'.";
        return score >= _passAt ? Scoring.Score.Pass(score, reason) : Scoring.Score.Fail(score, reason);
    }

    private static string Text(object? value) => Running.OutputText.Of(value);
}
