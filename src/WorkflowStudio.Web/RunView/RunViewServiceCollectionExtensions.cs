namespace WorkflowStudio.Web.RunView;

public static class RunViewServiceCollectionExtensions
{
    /// <summary>The designer's run panel: its hub connection and the canvas overlay, one of each per circuit.</summary>
    public static IServiceCollection AddRunView(this IServiceCollection services)
    {
        services.AddScoped<RunConnection>();
        services.AddScoped<CanvasOverlay>();
        return services;
    }
}
