using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Reports;
using WorkflowStudio.Studio.Evaluations;

namespace WorkflowStudio.Cli.Commands;

/// <summary>
/// `studio compare-pairwise BASELINE CANDIDATE`: a judge reads the two evaluations' outputs case by case, in both orders,
/// and says which answers better; prints wins, losses and ties and the order-flip rate, with the flipped cases.
/// Exits 1 when the flip rate is above --max-flip-rate, 2 when the evaluations or the judge cannot be used.
/// </summary>
internal static class ComparePairwiseCommand
{
    public static Command Create(CliSettings settings, TextWriter output, TextWriter error)
    {
        var baseline = new Argument<string>("baseline") { Description = "The baseline evaluation's id (an evaluation, or one cell of an experiment)." };
        var candidate = new Argument<string>("candidate") { Description = "The candidate evaluation's id, over the same dataset." };
        var database = new Option<string?>("--db") { Description = "The studio database holding both (default: the studio's own, in its data folder)." };
        var judge = new Option<string>("--judge") { Description = "The model that judges (default: offline).", DefaultValueFactory = _ => PromptNode.DefaultModel };
        var rubric = new Option<string?>("--rubric") { Description = "What makes one response better than the other (default: correct, complete and to the point)." };
        var models = new ModelSourceOptions(scripted: "the in-process test model, whose judge always prefers the first response");
        var concurrency = new Option<int>("--concurrency") { Description = "Cases judged at once (default 4).", DefaultValueFactory = _ => 4 };
        var maxFlipRate = new Option<double?>("--max-flip-rate") { Description = "Exit 1 when more than this share of cases (0-1) changes verdict with the order." };
        var json = new Option<bool>("--json") { Description = "Print the full comparison as JSON." };
        var command = new Command("compare-pairwise", "Judges two evaluations of one dataset against each other, case by case in both orders, and reports the order-flip rate.")
            { baseline, candidate, database, judge, rubric, concurrency, maxFlipRate, json };
        models.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(maxFlipRate) is < 0 or > 1) return Fail(error, "--max-flip-rate must be between 0 and 1.");
            using var studio = new StudioServices(settings, models.Read(parse));
            await using var provider = studio.EvaluationServices(parse.GetValue(database) ?? Path.Combine(settings.Paths.DataDirectory, "studio.db"));
            PairwiseComparison comparison;
            try
            {
                comparison = await provider.GetRequiredService<PairwiseJudging>().CompareAsync(new PairwiseStart(
                    parse.GetRequiredValue(baseline), parse.GetRequiredValue(candidate), parse.GetRequiredValue(judge), parse.GetValue(rubric), parse.GetValue(concurrency)), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                error.WriteLine("compare-pairwise: cancelled.");
                return StudioCli.Cancelled;
            }
            catch (Exception e) when (e is StoreException or ArgumentException)
            {
                return Fail(error, e.Message);
            }

            if (parse.GetValue(json)) await output.WriteLineAsync(JsonSerializer.Serialize(comparison, EvaluationReport.Json));
            else Print(comparison, parse.GetRequiredValue(judge), output);
            if (parse.GetValue(maxFlipRate) is { } max && comparison.FlipRate > max)
            {
                error.WriteLine($"FAIL order-flip rate {Percent(comparison.FlipRate)} is above {Percent(max)}: the judge follows the order more than the content.");
                return StudioCli.Failed;
            }
            return StudioCli.Ok;
        });
        return command;
    }

    private static void Print(PairwiseComparison c, string judge, TextWriter output)
    {
        output.WriteLine($"{c.CandidateId} (candidate) against {c.BaselineId} (baseline), judged by {judge} in both orders: {c.Cases.Count} cases");
        output.WriteLine($"  candidate: {c.CandidateWins} wins, {c.BaselineWins} losses, {c.Ties} ties");
        output.WriteLine($"  baseline:  {c.BaselineWins} wins, {c.CandidateWins} losses, {c.Ties} ties");
        output.WriteLine($"  order flips: {c.Flips.Count} of {c.Cases.Count} ({Percent(c.FlipRate)}); a flipped case counts as a tie");
        foreach (var flip in c.Flips)
            output.WriteLine($"  flip {flip.CaseId}: baseline shown first → {flip.WithBaselineFirst.Describe()}; candidate shown first → {flip.WithCandidateFirst.Describe()}");
        foreach (var skipped in c.Skipped)
            output.WriteLine($"  not compared {skipped.CaseId}: {skipped.Reason}");
    }

    private static string Percent(double rate) => rate.ToString("0.0%", CultureInfo.InvariantCulture);

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message);
        return StudioCli.BadInput;
    }
}
