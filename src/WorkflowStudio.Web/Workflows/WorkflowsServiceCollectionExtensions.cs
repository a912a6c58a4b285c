namespace WorkflowStudio.Web.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>The workflow store (versions in SQLite; needs <c>AddStudioData</c>) and the templates.</summary>
    public static IServiceCollection AddStudioWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<IWorkflowRepository, SqliteWorkflowRepository>();
        services.AddSingleton<WorkflowTemplates>();
        services.AddScoped<WorkflowLibrary>();
        return services;
    }
}
