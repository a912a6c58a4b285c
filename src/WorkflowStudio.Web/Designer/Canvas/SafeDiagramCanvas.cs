using Blazor.Diagrams.Components;
using Microsoft.JSInterop;

namespace WorkflowStudio.Web.Designer.Canvas;

/// <summary>
/// The library's canvas, with disposal guarded: on refresh or a closed tab the circuit's JS side is already gone,
/// and the library's un-observe call would throw (Blazor.Diagrams issues #545/#432). There is nothing left to clean up then.
/// </summary>
public sealed class SafeDiagramCanvas : DiagramCanvas, IAsyncDisposable
{
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        try
        {
            await DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }
}
