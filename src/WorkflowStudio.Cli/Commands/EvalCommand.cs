using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using WorkflowStudio.Data;
using WorkflowStudio.Evaluation;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Gate;
using WorkflowStudio.Evaluation.Reports;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Cli.Commands;

/// <summary>
/// `studio eval`: the CI gate. Evaluates a workflow file over a dataset file and exits 0 when every threshold holds
/// (by default, every case passes), 1 when one does not, 2 when the input cannot be used, 130 when cancelled.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliSettings settings, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("workflow") { Description = "The workflow: a JSON file or a C# definition (.cs)." };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "The dataset: a .csv or .jsonl file (default: the eval file's dataset)." };
        var scorers = new Option<string[]>("--scorer", "-s") { Description = "A scorer such as exact, icontains, regex:^a, levenshtein:10; repeat for more. Replaces the eval file's scorers and thresholds.", Arity = ArgumentArity.ZeroOrMore };
        var thresholds = new Option<string[]>("--threshold", "-t") { Description = "A condition such as passRate>=0.9 or mean(exact)>=0.8; repeat for more. Default: passRate>=1.", Arity = ArgumentArity.ZeroOrMore };
        var baseline = new Option<string?>("--baseline") { Description = "A result file from an earlier --json run to compare with." };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Fail when a case that passed in the baseline fails now." };
        var repeats = new Option<int?>("--repeats") { Description = "Runs per case (default 1)." };
        var concurrency = new Option<int?>("--concurrency") { Description = "Cases run at once (default 8)." };
        var models = new ModelSourceOptions();
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML to this file." };
        var json = new Option<bool>("--json") { Description = "Print the full result as JSON (usable as a later --baseline)." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file." };
        var isolate = new Option<string?>("--step") { Description = "Evaluate only this step; the steps before it are not run, their outputs come from the cases (step.NAME columns)." };
        var database = new Option<string?>("--db") { Description = "Keep the runs and results in this studio database (default: a temporary one)." };
        var variants = new Option<string[]>("--variant") { Description = "A prompt variant NAME:STEP=prompt (or NAME:STEP.system=prompt), run against the saved prompt as an experiment; repeat for more.", Arity = ArgumentArity.ZeroOrMore };
        var noCache = new Option<bool>("--no-cache") { Description = "Ask the models again instead of reusing identical answers from the response cache." };
        var variantModels = new Option<string[]>("--variant-model") { Description = "A model to run against the saved one as an experiment; repeat for more.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("eval", "Evaluates a workflow over a dataset and checks thresholds; the exit code gates CI.")
            { file, dataset, scorers, thresholds, baseline, failOnRegression, repeats, concurrency, junit, json, report, isolate, database, variants, variantModels, noCache };
        models.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            using var studio = new StudioServices(settings, models.Read(parse));
            var temporary = parse.GetValue(database) is null ? Directory.CreateTempSubdirectory("studio-eval-").FullName : null;
            try
            {
                await using var provider = studio.EvaluationServices(parse.GetValue(database) ?? Path.Combine(temporary!, "studio.db"));
                var storage = provider.GetRequiredService<WorkflowStudio.Data.Storage.StudioDatabase>();
                // Made on another thread while this one reads the workflow and the options (most of a short process is
                // first-time set-up, and the machine has more than one core): a temporary file gets tables (deleted when
                // done, it needs no migration history), a kept one is migrated; then the gate makes its first query there.
                var ready = StartQueriesAsync(temporary is not null ? storage.PrepareThrowawayAsync(ct) : storage.EnsureReadyAsync(ct), provider, ct);
                try
                {
                    return await EvaluateAsync(parse, path, studio, provider, ready, ct);
                }
                finally
                {
                    // Never left writing to a file that is about to be disposed of; its failure, if any, was reported above.
                    await ready.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                error.WriteLine("eval: cancelled.");
                return StudioCli.Cancelled;
            }
            catch (Exception e) when (e is StoreException or ArgumentException)
            {
                return Fail(error, e.Message);
            }
            finally
            {
                if (temporary is not null)
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(temporary, recursive: true);
                }
            }
        });
        return command;

        async Task<int> EvaluateAsync(ParseResult parse, string path, StudioServices studio, ServiceProvider provider, Task ready, CancellationToken ct)
        {
            var (workflow, invalid) = WorkflowFile.Load(path, studio.Validator, error);
            if (invalid) return StudioCli.BadInput;

            GateRequest request;
            IReadOnlyList<PromptVariant> prompts;
            IReadOnlyList<string> modelVariants = parse.GetValue(variantModels) ?? [];
            try
            {
                prompts = [.. (parse.GetValue(variants) ?? []).Select(PromptVariant.Parse)];
                var experiment = prompts.Count > 0 || modelVariants.Count > 0;
                if (experiment && (parse.GetValue(baseline) is not null || parse.GetValue(junit) is not null || parse.GetValue(report) is not null))
                    return Fail(error, "--baseline, --junit and --report take one evaluation; with --variant or --variant-model, read the comparison table (or --json).");
                var evalPath = EvalFile.PathBeside(path);
                var evalFile = File.Exists(evalPath) ? EvalFile.Parse(await File.ReadAllTextAsync(evalPath, ct)) : new EvalFile();
                var datasetPath = parse.GetValue(dataset) ?? (evalFile.Dataset is { } relative ? Path.Combine(Path.GetDirectoryName(evalPath)!, relative) : null);
                if (datasetPath is null) return Fail(error, "Give a dataset with --dataset, or name one in " + Path.GetFileName(evalPath) + ".");
                var scorerTexts = parse.GetValue(scorers) ?? [];
                IReadOnlyList<ScorerSpec> specs = scorerTexts.Length > 0 ? [.. scorerTexts.Select(ScorerSpec.Parse)] : evalFile.Scorers;
                if (specs.Count == 0) return Fail(error, "Give at least one --scorer, or list scorers in " + Path.GetFileName(evalPath) + ".");
                // The file's thresholds name the file's scorers, so scorers given on the command line do not take them.
                var fileThresholds = scorerTexts.Length == 0 ? evalFile.Thresholds : [];
                var thresholdTexts = parse.GetValue(thresholds) is { Length: > 0 } given ? given : fileThresholds.Count > 0 ? [.. fileThresholds] : ["passRate>=1"];
                var spec = new EvaluationSpec
                {
                    Scorers = specs,
                    Repeats = parse.GetValue(repeats) ?? evalFile.Repeats ?? 1,
                    Concurrency = parse.GetValue(concurrency) ?? evalFile.Concurrency ?? 8,
                    CaseTimeoutSeconds = evalFile.CaseTimeoutSeconds ?? studio.RunOptions.TimeLimit.TotalSeconds,
                    IsolateStep = parse.GetValue(isolate) ?? evalFile.IsolateStep,
                    Cache = !parse.GetValue(noCache),
                };
                request = new GateRequest(workflow!, datasetPath, spec, [.. thresholdTexts.Select(Threshold.Parse)], Environment.UserName)
                {
                    Baseline = parse.GetValue(baseline) is { } baselinePath ? EvaluationReport.FromJson(await File.ReadAllTextAsync(baselinePath, ct)) : null,
                    FailOnRegression = parse.GetValue(failOnRegression),
                };
            }
            catch (Exception e) when (e is FormatException or IOException or System.Text.Json.JsonException)
            {
                return Fail(error, e.Message);
            }

            try
            {
                await ready;
                var gate = provider.GetRequiredService<EvaluationGate>();
                if (prompts.Count > 0 || modelVariants.Count > 0)
                {
                    var experiment = await gate.RunExperimentAsync(request, prompts, modelVariants, PlainProgress<(string Variant, EvaluationProgress Progress)>(
                        x => $"eval: {x.Variant}: {x.Progress.Done}/{x.Progress.Total} cases, pass rate {x.Progress.PassRate.ToString("0.0%", CultureInfo.InvariantCulture)}",
                        x => (x.Variant, x.Progress.Done, x.Progress.Total), error), ct);
                    if (parse.GetValue(json)) await output.WriteLineAsync(experiment.ToJson());
                    else ExperimentPrinter.Print(experiment, output);
                    return experiment.Passed ? StudioCli.Ok : StudioCli.Failed;
                }
                var result = await RunWithProgressAsync(gate, request, output, error, ct);

                if (parse.GetValue(json)) await output.WriteLineAsync(result.ToJson());
                else PrintSummary(result, output);
                // Kept, it can be compared later (studio compare-pairwise), so say which one it is.
                if (!parse.GetValue(json) && parse.GetValue(database) is not null) output.WriteLine($"evaluation {result.EvaluationId} is kept in {parse.GetValue(database)}");
                if (parse.GetValue(junit) is { } junitPath) JUnitReport.Build(result).Save(junitPath);
                if (parse.GetValue(report) is { } htmlPath) await File.WriteAllTextAsync(htmlPath, HtmlReport.Build(result), ct);
                return result.Passed ? StudioCli.Ok : StudioCli.Failed;
            }
            catch (DatasetFileException e)
            {
                return Fail(error, $"{request.DatasetPath}: {e.Message}");
            }
        }
    }

    private static async Task StartQueriesAsync(Task prepared, ServiceProvider provider, CancellationToken ct)
    {
        await prepared;
        await provider.GetRequiredService<EvaluationGate>().WarmAsync(ct);
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return StudioCli.BadInput;
    }

    /// <summary>A live bar on a terminal; in CI (output redirected or captured) a plain line at every tenth of the way.</summary>
    private static async Task<EvaluationReport> RunWithProgressAsync(EvaluationGate gate, GateRequest request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected)
        {
            EvaluationReport? result = null;
            await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("Evaluating", maxValue: 1);
                var progress = new Progress<EvaluationProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = $"Evaluating · pass rate {p.PassRate.ToString("0.0%", CultureInfo.InvariantCulture)}";
                });
                result = await gate.RunAsync(request, progress, ct);
            });
            return result!;
        }

        var plain = PlainProgress<EvaluationProgress>(
            p => $"eval: {p.Done}/{p.Total} cases, pass rate {p.PassRate.ToString("0.0%", CultureInfo.InvariantCulture)}", p => ("", p.Done, p.Total), error);
        return await gate.RunAsync(request, plain, ct);
    }

    /// <summary>A plain line at every tenth of the way (of each variant's way, for an experiment).</summary>
    private static InlineProgress<T> PlainProgress<T>(Func<T, string> line, Func<T, (string Key, int Done, int Total)> where, TextWriter error)
    {
        var lastTenth = new Dictionary<string, int>(StringComparer.Ordinal);
        var gateLock = new Lock();
        return new InlineProgress<T>(value =>
        {
            var (key, done, total) = where(value);
            var tenth = total == 0 ? 10 : done * 10 / total;
            lock (gateLock)
            {
                if (tenth <= lastTenth.GetValueOrDefault(key, -1)) return;
                lastTenth[key] = tenth;
            }
            error.WriteLine(line(value));
        });
    }

    private static void PrintSummary(EvaluationReport report, TextWriter output)
    {
        var s = report.Summary;
        output.WriteLine($"{report.WorkflowId} v{report.WorkflowVersion} × {report.DatasetId}: {s.Passed}/{s.Done} passed ({s.PassRate.ToString("0.0%", CultureInfo.InvariantCulture)}), " +
                         $"{s.Errors} errors, p50 {s.P50LatencyMs:0} ms, p95 {s.P95LatencyMs:0} ms, cost {s.Cost.ToString(CultureInfo.InvariantCulture)}");
        foreach (var scorer in s.Scorers)
            output.WriteLine($"  {scorer.Scorer}: {scorer.PassRate.ToString("0.0%", CultureInfo.InvariantCulture)} pass, mean {scorer.Mean?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"}");
        foreach (var failure in report.Cases.Where(c => !c.Passed).Take(10))
            output.WriteLine($"  fail {failure.CaseId}#{failure.Repeat + 1}: {failure.Error ?? string.Join("; ", failure.Scores.Where(x => !x.Passed).Select(x => $"{x.Scorer}: {x.Reason}"))}");
        if (report.Comparison is { } c)
        {
            output.WriteLine($"  baseline: {c.Regressed} regressed, {c.Improved} improved");
            foreach (var d in c.Scorers)
                output.WriteLine($"  Δ {d.Scorer}: {d.Delta.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture)} [{d.Interval.Low.ToString("0.###", CultureInfo.InvariantCulture)}, {d.Interval.High.ToString("0.###", CultureInfo.InvariantCulture)}]");
            foreach (var regressed in c.Cases.TakeWhile(x => x.Change == WorkflowStudio.Evaluation.Comparison.CaseChange.Regressed).Take(10))
                output.WriteLine($"  regressed {regressed.CaseId}: {string.Join(", ", regressed.Scorers)}");
        }
        foreach (var t in report.Thresholds)
            output.WriteLine($"{(t.Passed ? "ok  " : "FAIL")} {t.Expression}: {t.Reason}");
    }

    /// <summary>Reports on the worker's thread, so CI lines appear as cases finish rather than whenever the pool gets to them.</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
