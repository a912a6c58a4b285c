using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Experiments;
using WorkflowStudio.Evaluation.Reports;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Gate;

/// <summary>A release check: evaluate a workflow over a dataset file, then hold the result to thresholds and, optionally, a baseline.</summary>
public sealed record GateRequest(Workflow Workflow, string DatasetPath, EvaluationSpec Spec, IReadOnlyList<Threshold> Thresholds, string Author)
{
    public EvaluationReport? Baseline { get; init; }
    /// <summary>Fail when any case that passed in the baseline fails now.</summary>
    public bool FailOnRegression { get; init; }
}

/// <summary>What `studio eval` does, usable from any host: save the definition and the dataset as versions, evaluate, judge.</summary>
public sealed class EvaluationGate(IWorkflowStore workflows, DatasetService datasets, EvaluationService evaluations, ExperimentService experiments)
{
    public async Task<EvaluationReport> RunAsync(GateRequest request, IProgress<EvaluationProgress>? progress = null, CancellationToken ct = default)
    {
        var (version, datasetId, dataset) = await StoreAsync(request, ct);
        var evaluation = await evaluations.CreateAsync(new EvaluationRequest(request.Workflow.Id, version, datasetId, dataset.Number, request.Spec, request.Author), ct);
        var summary = await evaluations.RunAsync(evaluation.Id, progress, ct);

        var cases = new List<ReportCase>();
        await foreach (var result in evaluations.ReadResultsAsync(evaluation.Id, ct)) cases.Add(ReportCase.From(result));
        var thresholds = request.Thresholds.Select(t => t.Check(summary)).ToList();
        var report = new EvaluationReport(evaluation.Id, request.Workflow.Id, version, datasetId, dataset.Number, summary, thresholds, cases);
        var comparison = request.Baseline is { } baseline ? EvaluationComparer.Compare(baseline.Scores(), report.Scores()) : null;
        var passed = thresholds.TrueForAll(t => t.Passed) && !(request.FailOnRegression && comparison is { Regressed: > 0 });
        return report with { Comparison = comparison, Passed = passed };
    }

    /// <summary>
    /// Runs the saved prompt and model against each prompt variant and model, one evaluation per variant, and holds every
    /// variant to the thresholds: it passes when every variant does.
    /// </summary>
    public async Task<ExperimentReport> RunExperimentAsync(GateRequest request, IReadOnlyList<PromptVariant> prompts, IReadOnlyList<string> models,
        IProgress<(string Variant, EvaluationProgress Progress)>? progress = null, CancellationToken ct = default)
    {
        var (version, datasetId, dataset) = await StoreAsync(request, ct);
        var cells = await experiments.CreateAsync(new ExperimentRequest(request.Workflow.Id, [version], datasetId, dataset.Number, request.Spec, request.Author)
        {
            Prompts = prompts, Models = models,
        }, ct);
        var table = await experiments.RunAsync(cells[0].ExperimentId!, progress, ct);
        var variants = table.Rows.Select(r => new VariantReport(r.Variant, r.Evaluation.Id, r.Summary, [.. request.Thresholds.Select(t => t.Check(r.Summary))])).ToList();
        return new ExperimentReport(table.ExperimentId, request.Workflow.Id, version, datasetId, dataset.Number, variants, table)
        {
            Passed = variants.TrueForAll(v => v.Thresholds.All(t => t.Passed)),
        };
    }

    /// <summary>
    /// Makes the gate's first query on an empty id, for a host with a spare thread while it reads its input: EF's first
    /// query pays for its whole query pipeline, and the compiled query is cached by its shape, so the real call reuses it.
    /// </summary>
    public Task WarmAsync(CancellationToken ct = default) => workflows.GetLatestVersionAsync("", ct);

    private async Task<(int Version, string DatasetId, Data.Datasets.DatasetVersion Dataset)> StoreAsync(GateRequest request, CancellationToken ct)
    {
        var inputs = request.Workflow.Inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var datasetId = DatasetId(request.DatasetPath);
        // One after the other: both write, and a save waiting for SQLite's write lock behind the import lost more than
        // running them side by side gained.
        var version = await SaveAsync(request.Workflow, request.Author, ct);
        var dataset = await datasets.ImportFileAsync(datasetId, request.DatasetPath, request.Author, inputs, ct);
        return (version, datasetId, dataset);
    }

    // An unchanged definition is evaluated as the version it already is, so repeated gates do not pile up versions.
    private async Task<int> SaveAsync(Workflow workflow, string author, CancellationToken ct)
    {
        var latest = await workflows.GetLatestVersionAsync(workflow.Id, ct);
        if (latest is not null && latest.Definition == workflow) return latest.Number;
        return (await workflows.SaveAsync(new SaveRequest(workflow, "Evaluated by studio eval", author, latest?.Number), ct)).Version.Number;
    }

    private static string DatasetId(string path)
    {
        var name = new string([.. Path.GetFileNameWithoutExtension(path).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        return name.Length == 0 ? "dataset" : name[..Math.Min(name.Length, 100)];
    }
}
