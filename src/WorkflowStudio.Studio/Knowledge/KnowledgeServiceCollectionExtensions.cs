using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.AI.Knowledge;

namespace WorkflowStudio.Studio.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Knowledge bases in the studio's database: the source searches read (replacing the folders AddWorkflowAI reads
    /// alone), the one-time import of knowledge folders, background indexing and <see cref="KnowledgeLibrary"/>.
    /// </summary>
    public static IServiceCollection AddStudioKnowledge(this IServiceCollection services)
    {
        services.AddSingleton<DocumentIndexer>();
        services.AddSingleton<KnowledgeFolderImport>();
        services.Replace(ServiceDescriptor.Singleton<IKnowledgeSource, StoredKnowledgeSource>());
        services.AddSingleton<KnowledgeJobs>();
        services.AddSingleton<UrlDocuments>();
        services.AddSingleton<KnowledgeLibrary>();
        return services;
    }
}
