namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// Which "first of its run" a stored call is, so runs can be counted by adding instead of by distinct ids: a run is
/// counted once, in the bucket of its first stored call that the filter matches. A filter on step or model needs the
/// first call of the run at that step or model, hence the four marks. "First" is storage order (the call's id).
/// </summary>
[Flags]
public enum RunMarks
{
    None = 0,
    Run = 1,
    Step = 2,
    Model = 4,
    StepModel = 8,
}

internal static class RunMarking
{
    /// <summary>The mark whose count is the number of runs matching <paramref name="filter"/>.</summary>
    public static RunMarks For(MonitoringFilter filter) => (filter.StepId, filter.Model) switch
    {
        (null, null) => RunMarks.Run,
        (_, null) => RunMarks.Step,
        (null, _) => RunMarks.Model,
        _ => RunMarks.StepModel,
    };
}

/// <summary>Hands out the marks of calls given in storage order, from the first call of their runs on.</summary>
internal sealed class RunMarker
{
    private readonly HashSet<(string, string?, string?, RunMarks)> _seen = [];

    public RunMarks Next(string? run, string? step, string model)
    {
        if (run is null) return RunMarks.None;
        var marks = RunMarks.None;
        if (_seen.Add((run, null, null, RunMarks.Run))) marks |= RunMarks.Run;
        if (_seen.Add((run, step, null, RunMarks.Step))) marks |= RunMarks.Step;
        if (_seen.Add((run, null, model, RunMarks.Model))) marks |= RunMarks.Model;
        if (_seen.Add((run, step, model, RunMarks.StepModel))) marks |= RunMarks.StepModel;
        return marks;
    }
}
