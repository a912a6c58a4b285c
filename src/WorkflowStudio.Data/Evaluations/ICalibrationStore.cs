namespace WorkflowStudio.Data.Evaluations;

/// <summary>Hand labels of scored cases, one per case × repeat × scorer × labeller, to measure how far a judge can be trusted.</summary>
public interface ICalibrationStore
{
    /// <summary>Sets the labeller's verdict; null removes it (a skipped case).</summary>
    /// <exception cref="StoreException">The evaluation has no such score to label.</exception>
    Task SetLabelAsync(CalibrationKey key, string labeller, bool? passed, CancellationToken ct = default);

    /// <summary>The labeller's labels of one scorer's scores, each with the scorer's verdict, in case order.</summary>
    Task<IReadOnlyList<CalibrationLabel>> GetLabelsAsync(string evaluationId, string scorer, string labeller, CancellationToken ct = default);
}
