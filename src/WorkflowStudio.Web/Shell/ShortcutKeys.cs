using Microsoft.JSInterop;

namespace WorkflowStudio.Web.Shell;

/// <summary>
/// Keys heard on the whole page through <c>studio.shortcuts.attach</c> (never while the user types in a text field), reported
/// to the component's <c>[JSInvokable] OnShortcutKey(string combo)</c> in the form "ctrl+shift+z".
/// </summary>
public sealed class ShortcutKeys : IAsyncDisposable
{
    private readonly IDisposable _handler;
    private readonly IJSObjectReference _listener;

    private ShortcutKeys(IDisposable handler, IJSObjectReference listener) => (_handler, _listener) = (handler, listener);

    public static async Task<ShortcutKeys> AttachAsync<T>(IJSRuntime js, T component, IReadOnlyList<string> combos) where T : class
    {
        var handler = DotNetObjectReference.Create(component);
        return new ShortcutKeys(handler, await js.InvokeAsync<IJSObjectReference>("studio.shortcuts.attach", handler, combos));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _listener.InvokeVoidAsync("detach");
            await _listener.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
        {
            // A refresh or closed tab already took the page, and its listener, away.
        }
        _handler.Dispose();
    }
}
