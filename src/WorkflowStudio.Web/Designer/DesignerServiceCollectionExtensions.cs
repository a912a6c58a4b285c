using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Web.Designer;

public static class DesignerServiceCollectionExtensions
{
    /// <summary>The designer's services: validation against the configured models, knowledge and tools; the pickers' choices; the per-tab clipboard; single-step test runs (needs the Runner that AddRuns registers).</summary>
    public static IServiceCollection AddStudioDesigner(this IServiceCollection services)
    {
        services.AddSingleton(sp => new WorkflowValidator(
            models: sp.GetService<IModelGateway>(), retriever: sp.GetService<IRetriever>(), tools: sp.GetService<IToolRegistry>()));
        services.AddTransient(sp => new DesignerChoices(
            [.. sp.GetRequiredService<ModelCatalog>().Models.Select(m => m.Name)],
            sp.GetRequiredService<KnowledgeBaseStore>().Names,
            [.. sp.GetRequiredService<IToolRegistry>().Tools.Select(t => t.Name).Order(StringComparer.Ordinal)]));
        services.AddScoped<DesignerClipboard>();
        services.AddSingleton<NodeTester>();
        return services;
    }
}
