using WorkflowStudio.Web.Designer.Model;

namespace WorkflowStudio.Web.Designer;

public static class DesignerServiceCollectionExtensions
{
    /// <summary>The designer's own services: the per-tab clipboard. Validation, choices and step tests come from the application layer.</summary>
    public static IServiceCollection AddStudioDesigner(this IServiceCollection services) => services.AddScoped<DesignerClipboard>();
}
