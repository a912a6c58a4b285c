namespace WorkflowStudio.Testing;

/// <summary>The checkout a test or harness runs from, for what it reads or writes beside the code.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowStudio.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (WorkflowStudio.sln) above " + AppContext.BaseDirectory);
    }
}
