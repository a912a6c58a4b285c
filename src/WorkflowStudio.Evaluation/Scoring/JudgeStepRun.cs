using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>The Judge step's verdict: its score on a 0-1 scale, whether it passed, and why.</summary>
internal sealed record JudgeVerdict(double Normalised, bool Passed, string Reason);

/// <summary>
/// Runs a one-step workflow around the Judge step, so every judge here (the rubric scorer, the pairwise judge) shares
/// the step's engine: fenced answer, verdict parsing, scales, retries, and any configured model.
/// </summary>
internal sealed class JudgeStepRun(IModelGateway models)
{
    public const string JudgeStep = "judge";

    private readonly Runner _runner = new(models, new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()), new InMemoryToolRegistry());

    /// <summary>The verdict, or why there is none (the model failed or answered something that is not a verdict).</summary>
    public async Task<(JudgeVerdict? Verdict, string? Failure)> RunAsync(Workflow workflow, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        JudgeVerdict? verdict = null;
        await foreach (var e in _runner.RunAsync(workflow, inputs, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case NodeCompleted done when e.NodeId == JudgeStep:
                    var score = Convert.ToDouble(done.Outputs["normalised"], System.Globalization.CultureInfo.InvariantCulture);
                    verdict = new JudgeVerdict(score, done.Outputs["passed"] is true, done.Outputs["reason"] as string ?? "");
                    break;
                case RunFailed failed:
                    return (null, $"The judge failed: {failed.Message}");
                case RunCancelled:
                    cancellationToken.ThrowIfCancellationRequested();
                    return (null, "The judge was cancelled.");
            }
        }
        return verdict is null ? (null, "The judge gave no verdict.") : (verdict, null);
    }
}
