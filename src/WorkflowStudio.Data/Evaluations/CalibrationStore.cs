using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Evaluations;

public sealed class CalibrationStore(StudioDatabase database, TimeProvider time) : ICalibrationStore
{
    public async Task SetLabelAsync(CalibrationKey key, string labeller, bool? passed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(labeller) || labeller.Length > StoreLimits.NameLength)
            throw new StoreException($"A labeller's name must be 1 to {StoreLimits.NameLength} characters.");
        await using var db = await database.OpenAsync(ct);
        if (!await db.EvaluationScores.AnyAsync(s => s.EvaluationId == key.EvaluationId && s.Ordinal == key.Ordinal && s.Repeat == key.Repeat && s.Scorer == key.Scorer, ct))
            throw new StoreException($"Evaluation '{key.EvaluationId}' has no '{key.Scorer}' score for case {key.Ordinal} (repeat {key.Repeat + 1}).", StoreErrorKind.NotFound);
        var row = await db.CalibrationLabels.FirstOrDefaultAsync(l => l.EvaluationId == key.EvaluationId && l.Ordinal == key.Ordinal
            && l.Repeat == key.Repeat && l.Scorer == key.Scorer && l.Labeller == labeller, ct);
        if (passed is not { } verdict)
        {
            if (row is not null) db.CalibrationLabels.Remove(row);
        }
        else if (row is null)
            db.CalibrationLabels.Add(new CalibrationLabelRow
            {
                EvaluationId = key.EvaluationId, Ordinal = key.Ordinal, Repeat = key.Repeat, Scorer = key.Scorer, Labeller = labeller,
                Passed = verdict, LabelledAt = time.GetUtcNow(),
            });
        else (row.Passed, row.LabelledAt) = (verdict, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<CalibrationLabel>> GetLabelsAsync(string evaluationId, string scorer, string labeller, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await (from l in db.CalibrationLabels.AsNoTracking()
                      join s in db.EvaluationScores.AsNoTracking()
                          on new { l.EvaluationId, l.Ordinal, l.Repeat, l.Scorer } equals new { s.EvaluationId, s.Ordinal, s.Repeat, s.Scorer }
                      where l.EvaluationId == evaluationId && l.Scorer == scorer && l.Labeller == labeller
                      orderby l.Ordinal, l.Repeat
                      select new CalibrationLabel(l.Ordinal, l.Repeat, l.Scorer, l.Labeller, l.Passed, s.Passed, l.LabelledAt)).ToListAsync(ct);
    }
}
