using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>Files of the repository the tests read: templates and samples.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static IReadOnlyList<string> TemplateIds { get; } =
        [.. Directory.GetFiles(Templates, "*.json").Where(f => !f.EndsWith(".eval.json", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static Workflow LoadTemplate(string id) => WorkflowJson.Deserialize(File.ReadAllText(Path.Combine(Templates, id + ".json")));

    public static string TemplateCode(string id) => File.ReadAllText(Path.Combine(Templates, id + ".cs"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowStudio.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (WorkflowStudio.sln) above " + AppContext.BaseDirectory);
    }
}
