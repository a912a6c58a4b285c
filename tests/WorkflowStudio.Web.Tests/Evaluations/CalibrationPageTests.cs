using WorkflowStudio.Web.Evaluations;

namespace WorkflowStudio.Web.Tests.Evaluations;

/// <summary>Labelling a scorer's cases by key on the calibration page, over real storage: case a passed "contains", case b failed.</summary>
public sealed class CalibrationPageTests : StudioTestContext, IDisposable
{
    private readonly EvaluationStudioData _data = new();

    public CalibrationPageTests()
    {
        _data.AddTo(Services);
        _data.ImportFruitAsync().GetAwaiter().GetResult();
    }

    void IDisposable.Dispose() => _data.Dispose();

    private IRenderedComponent<CalibrationPage> RenderPage(string evaluationId)
    {
        var page = Render<CalibrationPage>(p => p.Add(c => c.EvaluationId, evaluationId));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=calibration-keys]")));
        return page;
    }

    // The page hears keys anywhere through studio.shortcuts.attach, which reports them lower-cased to OnShortcutKey.
    private static Task Press(IRenderedComponent<CalibrationPage> page, string combo) => page.InvokeAsync(() => page.Instance.OnShortcutKey(combo));

    [Fact]
    public async Task The_page_listens_for_its_keys_on_the_whole_page()
    {
        var evaluationId = await _data.EvaluateToEndAsync();
        RenderPage(evaluationId);
        var attach = JSInterop.VerifyInvoke("studio.shortcuts.attach");
        Assert.Equal(["p", "f", "s", "arrowright", "arrowdown", "arrowleft", "arrowup"], (IEnumerable<string>)attach.Arguments[1]!);
    }

    [Fact]
    public async Task P_and_F_label_the_case_and_move_on_arrows_move_back_S_clears_and_the_agreement_follows_the_stored_labels()
    {
        var evaluationId = await _data.EvaluateToEndAsync();
        var page = RenderPage(evaluationId);
        // The sample alternates the scorer's verdicts: its pass (a) first, then its fail (b).
        Assert.Equal(("a", "true"), (page.Find("[data-testid=calibration-case]").GetAttribute("data-case"), page.Find("[data-testid=calibration-judge]").GetAttribute("data-passed")));

        await Press(page, "p");
        page.WaitForAssertion(() => Assert.Equal("b", page.Find("[data-testid=calibration-case]").GetAttribute("data-case")));
        await Press(page, "p");
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=calibration-agreement]").GetAttribute("data-labels")));

        var labels = await _data.Calibration.ReportAsync(evaluationId, "contains", UserName);
        Assert.Equal((2, 1, 1), (labels.Labels, labels.Confusion.BothPass, labels.Confusion.ScorerFailPersonPass));
        Assert.Contains("2 of the 10 labels", page.Find("[data-testid=calibration-verdict]").TextContent);
        Assert.Equal("not yet trusted", page.Find("[data-testid=calibration-trust]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=confusion-pass-fail]").TextContent);

        await Press(page, "arrowleft");
        page.WaitForAssertion(() => Assert.Equal(("a", "pass"), (page.Find("[data-testid=calibration-case]").GetAttribute("data-case"), page.Find("[data-testid=calibration-case]").GetAttribute("data-label"))));
        await Press(page, "f");
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=confusion-fail-pass]").TextContent));
        await Press(page, "s");
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=calibration-agreement]").GetAttribute("data-labels")));
        var stored = await _data.Calibration.ReportAsync(evaluationId, "contains", UserName);
        Assert.Equal((1, 1), (stored.Labels, stored.Confusion.ScorerPassPersonFail));

        // Coming back starts at the first case not labelled yet: b, whose label the skip cleared.
        var again = RenderPage(evaluationId);
        Assert.Equal("b", again.Find("[data-testid=calibration-case]").GetAttribute("data-case"));
    }

    [Fact]
    public async Task A_viewer_reads_the_calibration_but_a_key_stores_nothing_and_says_why()
    {
        var evaluationId = await _data.EvaluateToEndAsync();
        AddAuthorization().SetAuthorized("vic").SetRoles(nameof(WorkflowStudio.Studio.Security.StudioRole.Viewer));
        var page = RenderPage(evaluationId);
        Assert.True(page.Find("[data-testid=calibration-pass]").HasAttribute("disabled"));

        await Press(page, "p");

        page.WaitForAssertion(() => Assert.Contains("viewer may read", page.Find("[data-testid=calibration-error]").TextContent));
        Assert.Equal(0, (await _data.Calibration.ReportAsync(evaluationId, "contains", "vic")).Labels);
    }

    [Fact]
    public void An_unknown_evaluation_says_so()
    {
        var page = Render<CalibrationPage>(p => p.Add(c => c.EvaluationId, "eval-nope"));
        page.WaitForAssertion(() => Assert.Contains("no evaluation 'eval-nope'", page.Find("[data-testid=calibration-error]").TextContent));
    }
}
