namespace WorkflowStudio.Web.Hosting;

/// <summary>Where the studio keeps its files: the data directory (database, logs, saved workflows) and the templates.</summary>
public sealed record StudioPaths(string DataDirectory, string TemplatesDirectory)
{
    public const string DataDirectoryKey = "Studio:DataDirectory";

    /// <summary>Relative data directories are taken from the content root, so `dotnet run` keeps data beside the app.</summary>
    public static StudioPaths From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[DataDirectoryKey];
        var data = Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(configured) ? "data" : configured));
        return new StudioPaths(data, Path.Combine(AppContext.BaseDirectory, "templates"));
    }
}
