using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Evaluations;

/// <summary>Evaluations and their per-case, per-scorer results; results are appended in batches and never rewritten.</summary>
public interface IEvaluationStore
{
    Task<EvaluationRecord> CreateAsync(NewEvaluation evaluation, CancellationToken ct = default);

    Task<EvaluationRecord?> GetAsync(string evaluationId, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<EvaluationRecord>> ListAsync(string workflowId, int take = 50, CancellationToken ct = default);

    /// <summary>Evaluations that did not end: created, running or interrupted when the studio last stopped, oldest first.</summary>
    Task<IReadOnlyList<EvaluationRecord>> ListUnfinishedAsync(CancellationToken ct = default);

    /// <summary>The cells of an experiment, in the order they were created.</summary>
    Task<IReadOnlyList<EvaluationRecord>> ListExperimentAsync(string experimentId, CancellationToken ct = default);

    /// <summary>The per-step checks of a workflow's steps: step id → the checks' JSON.</summary>
    Task<IReadOnlyDictionary<string, string>> GetStepChecksAsync(string workflowId, CancellationToken ct = default);

    /// <summary>Replaces one step's checks; null removes them.</summary>
    Task SetStepChecksAsync(string workflowId, string stepId, string? checksJson, CancellationToken ct = default);

    Task SetStatusAsync(string evaluationId, EvaluationStatus status, CancellationToken ct = default);


    /// <summary>The (ordinal, repeat) pairs that already have a result: what a resumed evaluation skips.</summary>
    Task<IReadOnlySet<(int Ordinal, int Repeat)>> GetFinishedAsync(string evaluationId, CancellationToken ct = default);

    /// <summary>Stores results of any number of cases in one transaction.</summary>
    Task AppendResultsAsync(IReadOnlyList<CaseResult> results, CancellationToken ct = default);

    Task<EvaluationTotals> GetTotalsAsync(string evaluationId, CancellationToken ct = default);

    /// <summary>Per scorer: how many scores, how many passed, the mean value; computed in SQL, not in memory.</summary>
    Task<IReadOnlyList<ScorerTotals>> GetScorerTotalsAsync(string evaluationId, CancellationToken ct = default);

    /// <summary>Every result's latency in milliseconds, sorted ascending, for percentiles.</summary>
    Task<IReadOnlyList<long>> GetLatenciesAsync(string evaluationId, CancellationToken ct = default);

    /// <summary>Every score, ordered by case, repeat and scorer.</summary>
    Task<IReadOnlyList<CaseScore>> GetScoresAsync(string evaluationId, CancellationToken ct = default);

    /// <summary>Results in case order, a page at a time, for tables and reports.</summary>
    Task<IReadOnlyList<CaseResult>> GetResultsAsync(string evaluationId, int skip = 0, int take = 500, CancellationToken ct = default);

    /// <summary>One case's outputs, one per repeat in repeat order; empty when the evaluation has no result for it.</summary>
    Task<IReadOnlyList<CaseOutput>> GetCaseOutputsAsync(string evaluationId, string caseId, CancellationToken ct = default);
}
