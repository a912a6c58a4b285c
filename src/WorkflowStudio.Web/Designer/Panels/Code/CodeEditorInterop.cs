using Microsoft.JSInterop;

using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Web.Designer.Panels.Code;

/// <summary>The calls the code panel makes to wwwroot-assets/js/code-editor.js, beside BlazorMonaco's own.</summary>
public static class CodeEditorInterop
{
    /// <summary>Loads Monaco into the page once; false when the page went away meanwhile.</summary>
    public static async ValueTask<bool> LoadAsync(this IJSRuntime js)
    {
        try
        {
            await js.InvokeVoidAsync("studio.codeEditor.load");
            return true;
        }
        catch (JSDisconnectedException)
        {
            return false;
        }
    }

    public static ValueTask FollowThemeAsync(this IJSRuntime js, string editorId) => js.InvokeVoidAsync("studio.codeEditor.attach", editorId);

    public static ValueTask SetMarkersAsync(this IJSRuntime js, string editorId, IEnumerable<CodeProblem> problems) =>
        js.InvokeVoidAsync("studio.codeEditor.setMarkers", editorId, EditorMarker.For(problems));

    public static ValueTask GoToAsync(this IJSRuntime js, string editorId, int line, int column) =>
        js.InvokeVoidAsync("studio.codeEditor.goTo", editorId, line, column);

    /// <summary>Stops following the theme; a no-op when the page is already gone (refresh, navigation away).</summary>
    public static async ValueTask ReleaseAsync(this IJSRuntime js, string editorId)
    {
        try
        {
            await js.InvokeVoidAsync("studio.codeEditor.detach", editorId);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is closing with the page, and the browser dropped the editor and its observer with it.
        }
    }
}
