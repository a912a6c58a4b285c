using Xunit.Abstractions;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>The offline judge's agreement with the hand-labelled verdicts of the quality sets' judge rows, on the test split.</summary>
[Collection(QualityCollection.Name)]
public sealed class JudgeAgreementTests(QualityFixture quality, ITestOutputHelper output)
{
    private List<JudgeOutcome> Test => quality.Judgements.Where(j => j.Row.Split == Split.Test).ToList();

    [Fact]
    public void The_judge_agrees_with_the_human_verdicts()
    {
        output.WriteLine(QualityReport.JudgeTable(quality.Judgements));
        Assert.True(QualityReport.Agreement(Test) >= 0.85, $"agreement {QualityReport.Agreement(Test):0.000}");
        Assert.True(QualityReport.Kappa(Test) >= 0.70, $"κ {QualityReport.Kappa(Test):0.000}");
    }

    [Fact]
    public void Every_failing_verdict_names_what_failed()
    {
        var failed = Test.Where(j => !j.JudgePasses).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, j => Assert.Matches("^(Relevance|Groundedness|Correctness|Abstention):", j.Reason));
    }
}
