using System.Text.Json.Nodes;
using System.Xml.Linq;
using WorkflowStudio.Cli;

namespace WorkflowStudio.Cli.Tests;

/// <summary>`studio eval` on a support-triage workflow with the scripted model, which answers "Answer: " + the prompt.</summary>
public class EvalCommandTests : CliTestBase
{
    // The scripted model restates the prompt, so a billing reply contains "billing ticket" and a technical one "technical ticket".
    private const string Dataset = """
        id,ticket,expected,tags
        refund,I want a refund for my order,billing ticket,billing
        charge,You charged me twice this month,billing ticket,billing
        crash,The app crashes when I open settings,technical ticket,technical
        login,I cannot log in since the update,technical ticket,technical
        """;

    // A fixed two-branch triage workflow (the template before it retrieved support replies): its scripted replies say
    // "billing ticket" or "technical ticket", and no eval file sits beside it.
    private static string Triage => Path.Combine(AppContext.BaseDirectory, "Fixtures", "triage.json");

    private string File(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string BrokenTriage() => File("broken.json", System.IO.File.ReadAllText(Triage)
        .Replace("Draft a reply to this billing ticket:", "Say something about:"));

    [Fact]
    public async Task A_passing_evaluation_exits_0_and_writes_junit()
    {
        var junit = Path.Combine(Dir, "out.xml");
        var (code, output, error) = await Studio("eval", Triage, "--dataset", File("cases.csv", Dataset),
            "--scorer", "contains", "--scorer", "latency:60000", "--models", "scripted", "--junit", junit);

        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Contains("4/4 passed", output);
        Assert.Contains("ok   passRate>=1", output);
        Assert.Contains("eval: 4/4 cases", error);
        var suites = XDocument.Load(junit).Root!;
        Assert.Equal(("5", "0"), (suites.Attribute("tests")!.Value, suites.Attribute("failures")!.Value));
        Assert.Contains(suites.Descendants("testcase"), t => t.Attribute("name")!.Value == "refund#1");
    }

    [Fact]
    public async Task A_workflow_that_retrieves_nothing_is_evaluated_without_opening_the_studios_own_database()
    {
        var data = Path.Combine(Dir, "data");
        var (code, output, error) = await Studio("eval", Triage, "--dataset", File("cases.csv", Dataset), "--scorer", "contains",
            "--models", "scripted", "--Studio:DataDirectory", data);

        Assert.True(code == StudioCli.Ok, output + error);
        // Listing knowledge bases (for the retriever or the tools) would have created and migrated it.
        Assert.False(System.IO.File.Exists(Path.Combine(data, "studio.db")));
    }

    [Fact]
    public async Task A_broken_prompt_flips_the_exit_code_and_the_junit_names_the_failures()
    {
        var junit = Path.Combine(Dir, "out.xml");
        var (code, output, _) = await Studio("eval", BrokenTriage(), "--dataset", File("cases.csv", Dataset), "--scorer", "contains", "--models", "scripted", "--junit", junit);

        Assert.Equal(StudioCli.Failed, code);
        Assert.Contains("2/4 passed", output);
        Assert.Contains("FAIL passRate>=1", output);
        var failures = XDocument.Load(junit).Descendants("failure").Select(f => f.Attribute("message")!.Value).ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("Missing \"billing ticket\""));
    }

    [Fact]
    public async Task A_prompt_variant_runs_against_the_saved_prompt_and_the_table_stars_the_better_one()
    {
        var (code, output, error) = await Studio("eval", Triage, "--dataset", File("cases.csv", Dataset), "--scorer", "contains",
            "--models", "scripted", "--variant", "vague:billing=Say something about: {{ticket}}");

        // The saved prompt passes all four cases; the variant loses the billing ones, so the experiment misses passRate>=1.
        Assert.True(code == StudioCli.Failed, output + error);
        var rows = output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(rows, l => l.StartsWith("saved prompt", StringComparison.Ordinal) && l.Contains("1*"));
        Assert.Contains(rows, l => l.StartsWith("vague", StringComparison.Ordinal) && l.Contains("0.5 "));
        Assert.Contains("ok   saved prompt: passRate>=1", output);
        Assert.Contains("FAIL vague: passRate>=1", output);
        Assert.Contains("eval: vague: 4/4 cases", error);

        var (json, jsonOutput, _) = await Studio("eval", Triage, "--dataset", File("cases.csv", Dataset), "--scorer", "contains",
            "--models", "scripted", "--variant-model", "other", "--json");
        Assert.Equal(StudioCli.Ok, json);
        var variants = JsonNode.Parse(jsonOutput)!["variants"]!.AsArray();
        Assert.Equal(["saved model", "other"], variants.Select(v => v!["variant"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_malformed_variant_or_a_variant_with_a_single_evaluation_report_is_refused_as_bad_input()
    {
        var cases = File("cases.csv", Dataset);
        var (code, _, error) = await Studio("eval", Triage, "--dataset", cases, "--scorer", "contains", "--models", "scripted", "--variant", "no-step");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("NAME:STEP=prompt", error);

        (code, _, error) = await Studio("eval", Triage, "--dataset", cases, "--scorer", "contains", "--models", "scripted",
            "--variant", "x:ticket=hello");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("only Prompt and Agent steps", error);

        (code, _, error) = await Studio("eval", Triage, "--dataset", cases, "--scorer", "contains", "--models", "scripted",
            "--variant", "x:billing=hello", "--junit", Path.Combine(Dir, "j.xml"));
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("--junit", error);
    }

    [Fact]
    public async Task A_malformed_option_is_a_usage_error_not_a_failed_gate()
    {
        var cases = File("cases.csv", Dataset);
        var (code, _, error) = await Studio("eval", Triage, "--dataset", cases, "--scorer", "contains", "--models", "gpt-nope");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("--models must be offline or scripted, not 'gpt-nope'", error);

        (code, _, error) = await Studio("eval", Triage, "--dataset", cases, "--scorer", "contains", "--models", "scripted", "--concurrency", "many");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("many", error);

        (code, _, error) = await Studio("run", Triage, "-i", "ticket=hi", "--models", "Offline");
        Assert.NotEqual(StudioCli.BadInput, code);
        Assert.DoesNotContain("--models", error);
    }

    [Fact]
    public async Task A_lower_threshold_lets_a_partial_result_pass()
    {
        var (code, output, _) = await Studio("eval", BrokenTriage(), "--dataset", File("cases.csv", Dataset), "--scorer", "contains",
            "--threshold", "passRate>=0.5", "--threshold", "mean(contains)>=0.5", "--models", "scripted");
        Assert.True(code == StudioCli.Ok, output);
    }

    [Fact]
    public async Task An_eval_file_beside_the_workflow_holds_dataset_scorers_and_thresholds_including_a_per_step_check()
    {
        var flow = File("triage.json", System.IO.File.ReadAllText(Triage));
        File("triage.csv", Dataset);
        File("triage.eval.json", """
            {
              // CI runs: studio eval triage.json
              "dataset": "triage.csv",
              "scorers": ["icontains", {"type": "starts-with", "step": "classify", "expected": "Answer: Ticket:"}],
              "thresholds": ["passRate>=1", "passRate(starts-with@classify)>=1"],
              "repeats": 2
            }
            """);
        var (code, output, error) = await Studio("eval", flow, "--models", "scripted", "--json");

        Assert.True(code == StudioCli.Ok, output + error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal(8, result["summary"]!["done"]!.GetValue<int>());
        Assert.Equal(["icontains", "starts-with@classify"], result["summary"]!["scorers"]!.AsArray().Select(s => s!["scorer"]!.GetValue<string>()));
        Assert.True(result["passed"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(result["cases"]![0]!["runId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_baseline_shows_the_regressions_and_can_fail_the_build()
    {
        var cases = File("cases.csv", Dataset);
        var (_, baselineJson, _) = await Studio("eval", Triage, "--dataset", cases, "--scorer", "contains", "--models", "scripted", "--json");
        var baseline = File("baseline.json", baselineJson);
        var report = Path.Combine(Dir, "report.html");

        var (code, output, _) = await Studio("eval", BrokenTriage(), "--dataset", cases, "--scorer", "contains", "--models", "scripted",
            "--threshold", "passRate>=0", "--baseline", baseline, "--fail-on-regression", "--report", report);

        Assert.Equal(StudioCli.Failed, code);
        Assert.Contains("baseline: 2 regressed, 0 improved", output);
        Assert.Contains("regressed charge: contains", output);
        Assert.Contains("Against the baseline", System.IO.File.ReadAllText(report));
    }

    [Fact]
    public async Task A_csharp_definition_is_evaluated_too()
    {
        var (code, output, _) = await Studio("eval", Path.ChangeExtension(Triage, ".cs"), "--dataset", File("cases.csv", Dataset), "--scorer", "contains", "--models", "scripted");
        Assert.True(code == StudioCli.Ok, output);
    }

    [Fact]
    public async Task Unusable_input_exits_2_with_the_row_and_column()
    {
        var (code, _, error) = await Studio("eval", Triage, "--dataset", File("bad.csv", "tiket,expected\nhello,x\n"), "--scorer", "contains", "--models", "scripted");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("row 1, column 'tiket': the workflow has no input 'tiket'", error);

        (code, _, error) = await Studio("eval", Triage, "--dataset", File("cases.csv", Dataset), "--models", "scripted");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("at least one --scorer", error);

        (code, _, error) = await Studio("eval", Triage, "--dataset", File("cases.csv", Dataset), "--scorer", "contains", "--threshold", "vibes>=1", "--models", "scripted");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("unknown measure", error);
    }

    [Fact]
    public async Task One_step_is_evaluated_alone_against_the_cases_expected_values_for_it()
    {
        // The scripted classifier restates its prompt, so the expected step value below is what it says.
        var cases = File("steps.csv", "ticket,step.classify\nI want a refund,Answer: Ticket: I want a refund\nThe app crashes,BILLING\n");
        var (code, output, _) = await Studio("eval", Triage, "--dataset", cases, "--step", "classify", "--scorer", "exact", "--models", "scripted", "--json");
        Assert.Equal(StudioCli.Failed, code);
        var result = JsonNode.Parse(output)!;
        Assert.Equal("exact@classify", result["summary"]!["scorers"]![0]!["scorer"]!.GetValue<string>());
        Assert.Equal(1, result["summary"]!["passed"]!.GetValue<int>());
    }
}
