using WorkflowStudio.Cli;

namespace WorkflowStudio.Cli.Tests;

/// <summary>
/// Each template ships an eval file and a hand-written dataset (templates/*.eval.json, templates/datasets/), so CI
/// gates it with one line on the offline model: `studio eval templates/NAME.json`.
/// </summary>
public class TemplateEvaluationTests : CliTestBase
{
    [Theory]
    [InlineData("support-triage")]
    [InlineData("rag-qa")]
    [InlineData("seo-article")]
    public async Task The_template_passes_its_own_evaluation_on_the_offline_model(string template)
    {
        var (code, output, error) = await Studio("eval", Template(template));

        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Contains("24/24 cases", error);
    }

    [Fact]
    public async Task Scorers_given_on_the_command_line_bring_their_own_thresholds_not_the_eval_files()
    {
        var (_, output, error) = await Studio("eval", Template("rag-qa"), "--scorer", "icontains:Sources");

        Assert.Contains("24/24 cases", error);
        Assert.Contains("passRate>=1", output);
        Assert.DoesNotContain("passRate>=0.9", output);
    }

    [Fact]
    public async Task Dropping_the_support_replies_from_the_reply_prompts_fails_the_gate()
    {
        var templates = Path.GetDirectoryName(Template("support-triage"))!;
        Directory.CreateDirectory(Path.Combine(Dir, "datasets"));
        File.Copy(Path.Combine(templates, "datasets", "support-triage.csv"), Path.Combine(Dir, "datasets", "support-triage.csv"));
        File.Copy(Path.Combine(templates, "support-triage.eval.json"), Path.Combine(Dir, "triage.eval.json"));
        var broken = File.ReadAllText(Template("support-triage")).Replace(@"Context:\n{{answers.text}}\n\n", "", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(Template("support-triage")), broken);
        var path = Path.Combine(Dir, "triage.json");
        File.WriteAllText(path, broken);

        var (code, output, _) = await Studio("eval", path);

        Assert.Equal(StudioCli.Failed, code);
        Assert.Contains("ok   passRate(exact@classify)>=1", output);
        Assert.Contains("FAIL passRate(icontains)>=0.8", output);
    }
}
