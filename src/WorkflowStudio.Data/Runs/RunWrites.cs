using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Runs;

/// <summary>The run path's writes as prepared statements in one transaction: new runs, their events, their totals.</summary>
internal sealed class RunWrites(StudioDbContext db, IDbContextTransaction tx) : IDisposable
{
    // The same conversion the model applies to every DateTimeOffset column (see StudioDbContext.ConfigureConventions).
    private static readonly Func<object?, object?> TimestampToColumn = new DateTimeOffsetToBinaryConverter().ConvertToProvider;

    private BatchInsert? _run;
    private BatchInsert? _deployment;
    private BatchInsert? _event;
    private BatchInsert? _summary;
    private BatchInsert? _cost;

    public void Insert(NewRun run, RunRow row)
    {
        _run ??= new BatchInsert(db, tx, """
            INSERT INTO "Runs" ("Id", "WorkflowId", "VersionId", "VersionNumber", "Status", "StartedAt", "StartedBy", "InputsJson", "InputTokens", "OutputTokens", "Cost", "LastSequence")
            VALUES ($id, $workflow, $version, $number, $status, $started, $by, $inputs, 0, 0, '0.0', 0)
            """, "$id", "$workflow", "$version", "$number", "$status", "$started", "$by", "$inputs");
        _run.Execute(row.Id, row.WorkflowId, row.VersionId, row.VersionNumber, nameof(RunStatus.Running), TimestampToColumn(row.StartedAt),
            row.StartedBy, row.InputsJson);
        if (run.Deployment is not { } deployment) return;
        _deployment ??= new BatchInsert(db, tx, """
            INSERT INTO "DeploymentRuns" ("RunId", "ApiKeyId", "WorkflowId", "Tag", "IdempotencyKey", "CreatedAt")
            VALUES ($run, $key, $workflow, $tag, $idempotency, $created)
            """, "$run", "$key", "$workflow", "$tag", "$idempotency", "$created");
        _deployment.Execute(run.RunId, deployment.ApiKeyId, deployment.WorkflowId, deployment.Tag, deployment.IdempotencyKey, TimestampToColumn(run.StartedAt));
    }

    /// <summary>Adds a batch's totals to the run's row; false when there is no such run.</summary>
    public bool Summarise(string runId, RunSummary summary)
    {
        // The cost column is decimal text, which SQL arithmetic would turn into a float; so it is read and written whole.
        if (summary.Cost != 0)
        {
            _cost ??= new BatchInsert(db, tx, """UPDATE "Runs" SET "Cost" = $cost WHERE "Id" = $id""", "$id", "$cost");
            if (db.Runs.Where(r => r.Id == runId).Select(r => (decimal?)r.Cost).FirstOrDefault() is not { } cost) return false;
            _cost.Execute(runId, cost + summary.Cost);
        }
        _summary ??= new BatchInsert(db, tx, """
            UPDATE "Runs" SET
                "LastSequence" = max("LastSequence", $last),
                "InputTokens" = "InputTokens" + $in,
                "OutputTokens" = "OutputTokens" + $out,
                "Status" = coalesce($status, "Status"),
                "EndedAt" = CASE WHEN $status IS NULL THEN "EndedAt" ELSE $ended END,
                "DurationMs" = CASE WHEN $status IS NULL THEN "DurationMs" ELSE $duration END,
                "Error" = CASE WHEN $status IS NULL THEN "Error" ELSE $error END,
                "OutputsJson" = coalesce($outputs, "OutputsJson")
            WHERE "Id" = $id
            """, "$id", "$last", "$in", "$out", "$status", "$ended", "$duration", "$error", "$outputs");
        return _summary.Execute(runId, summary.LastSequence, summary.InputTokens, summary.OutputTokens, summary.Status?.ToString(),
            summary.EndedAt is { } ended ? TimestampToColumn(ended) : null, summary.DurationMs, summary.Error, summary.OutputsJson) > 0;
    }

    public void InsertEvent(RunEvent e, string payload)
    {
        _event ??= new BatchInsert(db, tx, """
            INSERT INTO "RunEvents" ("RunId", "Sequence", "Type", "NodeId", "Iteration", "Timestamp", "Payload")
            VALUES ($run, $sequence, $type, $node, $iteration, $timestamp, $payload)
            """, "$run", "$sequence", "$type", "$node", "$iteration", "$timestamp", "$payload");
        _event.Execute(e.RunId, e.Sequence, RunEventJson.TypeName(e), e.NodeId, e.Iteration, TimestampToColumn(e.Timestamp), payload);
    }

    public void Dispose()
    {
        _run?.Dispose();
        _deployment?.Dispose();
        _event?.Dispose();
        _summary?.Dispose();
        _cost?.Dispose();
    }
}
