using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Experiments;

/// <summary>
/// An experiment over one dataset version: every workflow version × every prompt variant × every model. The prompt and
/// model axes always hold the saved choice too, so each variant is measured against what it would replace.
/// </summary>
public sealed record ExperimentRequest(string WorkflowId, IReadOnlyList<int> Versions, string DatasetId, int DatasetVersion, EvaluationSpec Spec, string StartedBy)
{
    public IReadOnlyList<PromptVariant> Prompts { get; init; } = [];
    public IReadOnlyList<string> Models { get; init; } = [];
}

/// <summary>One evaluation of an experiment: a version, with an optional prompt variant and model override.</summary>
public sealed record ExperimentCell(string Variant, int Version, PromptVariant? Prompt, string? Model);

public static class ExperimentMatrix
{
    /// <summary>Most evaluations one experiment starts: each runs the whole dataset.</summary>
    public const int MaxCells = 24;
    public const string SavedPrompt = "saved prompt";
    public const string SavedModel = "saved model";

    public static IReadOnlyList<ExperimentCell> Cells(ExperimentRequest request)
    {
        if (request.Versions.Count == 0) throw new ArgumentException("Choose at least one workflow version.");
        Distinct(request.Versions.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version");
        Distinct(request.Prompts.Select(p => p.Name), "prompt variant");
        Distinct(request.Models, "model");
        if (request.Prompts.Any(p => p.Name is SavedPrompt)) throw new ArgumentException($"'{SavedPrompt}' is the name of the unchanged prompt; name the variant otherwise.");
        if (request.Models.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A model variant needs a model name.");

        var prompts = request.Prompts.Count == 0 ? [null] : new PromptVariant?[] { null }.Concat(request.Prompts).ToList();
        var models = request.Models.Count == 0 ? [null] : new string?[] { null }.Concat(request.Models).ToList();
        var cells = (from version in request.Versions
                     from prompt in prompts
                     from model in models
                     select new ExperimentCell(Name(request, version, prompt, model), version, prompt, model)).ToList();
        if (cells.Count < 2) throw new ArgumentException("An experiment compares at least two variants: add a prompt variant, a model or a version.");
        if (cells.Count > MaxCells) throw new ArgumentException($"The experiment would run {cells.Count} evaluations; at most {MaxCells}.");
        return cells;
    }

    /// <summary>Only the axes that vary are named, so two prompt variants read "saved prompt" and "terse".</summary>
    private static string Name(ExperimentRequest request, int version, PromptVariant? prompt, string? model)
    {
        var parts = new List<string>(3);
        if (request.Versions.Count > 1) parts.Add($"v{version}");
        if (request.Prompts.Count > 0) parts.Add(prompt?.Name ?? SavedPrompt);
        if (request.Models.Count > 0) parts.Add(model ?? SavedModel);
        return string.Join(" × ", parts);
    }

    private static void Distinct(IEnumerable<string> names, string what)
    {
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"The {what} '{repeated.Key}' is listed twice.");
    }
}
