using MudBlazor;

namespace WorkflowStudio.Web.Shell;

/// <summary>The studio's palette in light and dark; node colours by category live in the canvas styles.</summary>
public static class StudioTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b4bdb",
            Secondary = "#0f9d8a",
            AppbarBackground = "#2d2670",
            AppbarText = "#ffffff",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.78)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8f84ff",
            Secondary = "#3cc7b2",
            AppbarBackground = "#1b1a2e",
            AppbarText = "#ecebff",
            Background = "#12121c",
            Surface = "#1d1d2b",
            DrawerBackground = "#181826",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
