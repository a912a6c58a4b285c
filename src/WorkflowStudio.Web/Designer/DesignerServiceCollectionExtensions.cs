using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Web.Designer;

public static class DesignerServiceCollectionExtensions
{
    /// <summary>The designer's services: validation, model choices for the inspector and the per-tab clipboard.</summary>
    public static IServiceCollection AddStudioDesigner(this IServiceCollection services)
    {
        services.AddSingleton(_ => new WorkflowValidator());
        services.AddSingleton<ModelChoices>();
        services.AddScoped<DesignerClipboard>();
        return services;
    }
}
