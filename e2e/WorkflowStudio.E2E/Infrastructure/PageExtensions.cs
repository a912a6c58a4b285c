using Microsoft.Playwright;

namespace WorkflowStudio.E2E.Infrastructure;

public static class PageExtensions
{
    public static ILocator ByTestId(this IPage page, string testId) => page.GetByTestId(testId);

    /// <summary>The text box behind a test id, whether the id sits on the input itself (MudBlazor fields) or on a wrapper.</summary>
    public static ILocator TextBox(this IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>Signs in through the sign-in page and waits until the studio's home page is interactive.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/signin");
        await page.ByTestId("signin-user").FillAsync(userName);
        await page.ByTestId("signin-password").FillAsync(password);
        await page.ByTestId("signin-submit").ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Waits until the Blazor circuit is connected and the layout has rendered interactively.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync();

    /// <summary>
    /// Opens the new-workflow dialog, picks a template (or "blank") and names the workflow. A template suggests its
    /// own name a round trip after the click; typing before it arrives would mix the two, so wait for it first.
    /// </summary>
    public static async Task CreateWorkflowAsync(this IPage page, string template, string name)
    {
        await page.ByTestId("workflows-new").ClickAsync();
        await page.ByTestId($"template-{template}").ClickAsync();
        var nameBox = page.TextBox("new-workflow-name");
        if (template != "blank") await Assertions.Expect(nameBox).Not.ToHaveValueAsync("");
        await nameBox.FillAsync(name);
        await Assertions.Expect(nameBox).ToHaveValueAsync(name);
        await page.ByTestId("new-workflow-create").ClickAsync();
    }

    /// <summary>
    /// Starts watching for a step's streamed text; call it before the run starts. A short answer streams for well under
    /// a second, which a polling wait on a loaded machine can miss entirely; the page itself notes that it happened.
    /// </summary>
    public static Task WatchForStreamAsync(this IPage page) => page.EvaluateAsync("""
        () => {
            window.__studioStreamed = false;
            new MutationObserver((_, observer) => {
                if (!document.querySelector("[data-testid^='node-stream-']")) return;
                window.__studioStreamed = true;
                observer.disconnect();
            }).observe(document.body, { subtree: true, childList: true });
        }
        """);

    /// <summary>Waits until the page has shown a step's streamed text since <see cref="WatchForStreamAsync"/>.</summary>
    public static Task WaitForStreamAsync(this IPage page, float timeoutMs) =>
        page.WaitForFunctionAsync("() => window.__studioStreamed === true", null, new() { Timeout = timeoutMs });

    /// <summary>
    /// Presses the Monitoring page's Refresh until <paramref name="row"/> shows: model calls are stored by a background
    /// writer, and the page shows what was stored when it loaded.
    /// </summary>
    public static Task RefreshMonitoringUntilVisibleAsync(this IPage page, ILocator row) =>
        NudgeUntilVisibleAsync(row, () => page.GetByTestId("monitoring-refresh").ClickAsync(), tries: 12, waitMs: 5_000);

    /// <summary>
    /// Waits for <paramref name="shown"/>, doing <paramref name="nudge"/> again each time it does not show in time: for
    /// what arrives later than the page (a background writer) or a click a busy re-render can swallow.
    /// </summary>
    public static async Task NudgeUntilVisibleAsync(ILocator shown, Func<Task> nudge, int tries, float waitMs)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Assertions.Expect(shown).ToBeVisibleAsync(new() { Timeout = waitMs });
                return;
            }
            catch (PlaywrightException) when (attempt < tries)
            {
                await nudge();
            }
        }
    }

    public static async Task ScreenshotToDocsAsync(this IPage page, string fileName)
    {
        Directory.CreateDirectory(RepoPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, fileName) });
    }
}
