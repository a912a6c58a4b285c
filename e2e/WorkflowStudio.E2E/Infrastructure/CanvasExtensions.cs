using Microsoft.Playwright;

namespace WorkflowStudio.E2E.Infrastructure;

/// <summary>Gestures on the designer canvas, done with real pointer and drag events.</summary>
public static class CanvasExtensions
{
    public static ILocator Port(this IPage page, string nodeId, string port) => page.Locator($"[data-port-id='{nodeId}:{port}']");

    public static ILocator Node(this IPage page, string nodeId) => page.GetByTestId($"node-{nodeId}");

    /// <summary>
    /// Clicks a step's title until <paramref name="shown"/> (what selecting it opens) is visible. On a loaded machine a
    /// click that lands while a streaming run re-renders the step can be lost, so one click is not proof enough.
    /// </summary>
    public static async Task SelectStepAsync(this IPage page, string nodeId, ILocator shown)
    {
        Task Click() => page.GetByTestId($"node-title-{nodeId}").ClickAsync();
        await Click();
        await PageExtensions.NudgeUntilVisibleAsync(shown, Click, tries: 3, waitMs: 15_000);
    }

    /// <summary>Drags a palette entry onto the canvas at a point relative to the canvas' top-left corner.</summary>
    public static Task DropFromPaletteAsync(this IPage page, string kind, float x, float y) =>
        page.GetByTestId($"palette-item-{kind}").DragToAsync(page.GetByTestId("canvas"),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = x, Y = y } });

    /// <summary>Presses on a port, moves in steps (as a hand would) and releases over the target.</summary>
    public static async Task DragLinkAsync(this IPage page, ILocator from, ILocator to)
    {
        var (fx, fy) = await CentreAsync(from);
        var (tx, ty) = await CentreAsync(to);
        await page.Mouse.MoveAsync(fx, fy);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((fx + tx) / 2, (fy + ty) / 2, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(tx, ty, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Drags a node by its header to a new place, by a given offset.</summary>
    public static async Task DragNodeAsync(this IPage page, string nodeId, float dx, float dy)
    {
        var header = page.Node(nodeId).Locator(".step-title");
        var (x, y) = await CentreAsync(header);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + dx, y + dy, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    public static async Task<(float X, float Y)> CentreAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not visible.");
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    public static async Task<LocatorBoundingBoxResult> BoxAsync(this IPage page, string nodeId) =>
        await page.Node(nodeId).BoundingBoxAsync() ?? throw new InvalidOperationException($"Node {nodeId} is not visible.");
}
