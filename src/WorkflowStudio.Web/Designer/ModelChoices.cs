using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Designer;

/// <summary>The model names the inspector offers: the built-in offline model plus every model configured under Studio:Models.</summary>
public sealed class ModelChoices(IConfiguration configuration)
{
    public IReadOnlyList<string> Names { get; } =
        [PromptNode.DefaultModel, .. configuration.GetSection("Studio:Models").GetChildren().Select(c => c.Key).Where(k => k != PromptNode.DefaultModel).Order(StringComparer.Ordinal)];
}
