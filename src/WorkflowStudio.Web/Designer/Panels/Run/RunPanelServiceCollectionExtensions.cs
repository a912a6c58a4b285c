using WorkflowStudio.Web.Designer.Model;

namespace WorkflowStudio.Web.Designer.Panels.Run;

public static class RunPanelServiceCollectionExtensions
{
    /// <summary>The canvas overlay the run and versions panels draw on, one per circuit.</summary>
    public static IServiceCollection AddRunPanel(this IServiceCollection services) => services.AddScoped<CanvasOverlay>();
}
