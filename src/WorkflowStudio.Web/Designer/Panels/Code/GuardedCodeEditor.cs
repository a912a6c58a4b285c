using BlazorMonaco.Editor;
using Microsoft.JSInterop;

namespace WorkflowStudio.Web.Designer.Panels.Code;

/// <summary>
/// BlazorMonaco 3.0's editor creates itself on its first render with a <see cref="DotNetObjectReference"/> that its
/// disposal frees. When the tab is left while Monaco is still loading (a machine under load), that first render runs or
/// resumes after disposal and throws <see cref="ObjectDisposedException"/>, which ends the whole circuit. An editor
/// that is already gone has nothing to create, so its first render stops quietly.
/// </summary>
public sealed class GuardedCodeEditor : StandaloneCodeEditor
{
    private bool _disposed;

    public override void Dispose()
    {
        _disposed = true;
        base.Dispose();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed) return;
        try
        {
            await base.OnAfterRenderAsync(firstRender);
        }
        catch (Exception e) when (_disposed && e is ObjectDisposedException or JSDisconnectedException)
        {
            // Disposed while creating: the browser side went with the tab.
        }
    }
}
