namespace WorkflowStudio.Web.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>The workflow store and the templates. The JSON-file store is the stand-in until the SQLite versions store is wired.</summary>
    public static IServiceCollection AddStudioWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<IWorkflowRepository, JsonFileWorkflowRepository>();
        services.AddSingleton<WorkflowTemplates>();
        services.AddScoped<WorkflowLibrary>();
        return services;
    }
}
