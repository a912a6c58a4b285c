using Microsoft.JSInterop;

namespace WorkflowStudio.Web.Shell;

/// <summary>Remembers the light/dark choice in the browser's local storage.</summary>
public sealed class ThemePreference(IJSRuntime js)
{
    private const string Dark = "dark";
    private const string Light = "light";

    public async Task<bool?> LoadIsDarkAsync()
    {
        var stored = await js.InvokeAsync<string?>("studio.theme.get");
        return stored switch { Dark => true, Light => false, _ => null };
    }

    public ValueTask SaveAsync(bool isDark) => js.InvokeVoidAsync("studio.theme.set", isDark ? Dark : Light);
}
