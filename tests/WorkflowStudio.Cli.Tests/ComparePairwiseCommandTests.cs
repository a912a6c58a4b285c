using System.Text.Json.Nodes;
using WorkflowStudio.Cli;

namespace WorkflowStudio.Cli.Tests;

/// <summary>`studio compare-pairwise` over two evaluations kept in one database by `studio eval --db`.</summary>
public class ComparePairwiseCommandTests : CliTestBase
{
    private const string Dataset = """
        id,ticket,expected
        refund,I want a refund for my order,billing ticket
        crash,The app crashes when I open settings,technical ticket
        login,I cannot log in since the update,technical ticket
        """;

    private static string Triage => Path.Combine(AppContext.BaseDirectory, "Fixtures", "triage.json");

    private async Task<(string Db, string Baseline, string Candidate)> TwoEvaluationsAsync()
    {
        var db = Path.Combine(Dir, "studio.db");
        var dataset = Path.Combine(Dir, "cases.csv");
        File.WriteAllText(dataset, Dataset);
        var broken = Path.Combine(Dir, "broken.json");
        File.WriteAllText(broken, File.ReadAllText(Triage).Replace("Draft a reply to this billing ticket:", "Say something about:"));
        var ids = new List<string>();
        foreach (var workflow in new[] { Triage, broken })
        {
            var (_, output, error) = await Studio("eval", workflow, "--dataset", dataset, "--scorer", "contains", "--models", "scripted", "--db", db, "--json");
            ids.Add(JsonNode.Parse(output)?["evaluationId"]?.GetValue<string>() ?? throw new InvalidOperationException(output + error));
        }
        return (db, ids[0], ids[1]);
    }

    [Fact]
    public async Task A_judge_that_always_prefers_the_first_response_flips_every_case_and_fails_the_flip_gate()
    {
        var (db, baseline, candidate) = await TwoEvaluationsAsync();

        // The scripted model's judge gives every request a score of 1: "the first response is better", whichever it is.
        var (code, output, error) = await Studio("compare-pairwise", baseline, candidate, "--db", db, "--models", "scripted");
        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Contains("order flips: 3 of 3 (100.0%)", output);
        Assert.Contains("candidate: 0 wins, 0 losses, 3 ties", output);
        Assert.Contains("flip refund: baseline shown first → baseline better; candidate shown first → candidate better", output);

        var (gated, _, gateError) = await Studio("compare-pairwise", baseline, candidate, "--db", db, "--models", "scripted", "--max-flip-rate", "0.2", "--json");
        Assert.Equal(StudioCli.Failed, gated);
        Assert.Contains("FAIL order-flip rate 100.0% is above 20.0%", gateError);
    }

    [Fact]
    public async Task An_unknown_evaluation_is_a_usage_error_naming_it()
    {
        var (db, baseline, _) = await TwoEvaluationsAsync();
        var (code, _, error) = await Studio("compare-pairwise", baseline, "eval-nope", "--db", db, "--models", "scripted");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("There is no evaluation 'eval-nope'", error);
    }
}
