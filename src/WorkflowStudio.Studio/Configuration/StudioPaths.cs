using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Studio.Configuration;

/// <summary>
/// Where relative folder settings point. A path set in a settings file is taken from that file's folder (the
/// repository's appsettings.json: the repository root); a path set in the environment or on the command line from
/// <see cref="UserDirectory"/>: the current directory for the CLI, the repository root for the app.
/// </summary>
public sealed record StudioPaths(string UserDirectory, string DataDirectory, string TemplatesDirectory)
{
    public const string DataDirectoryKey = "Studio:DataDirectory";

    public static StudioPaths From(IConfiguration configuration, string userDirectory, string templatesDirectory)
    {
        var data = Resolve(configuration, DataDirectoryKey, userDirectory) ?? Path.Combine(userDirectory, "data");
        return new StudioPaths(Path.GetFullPath(userDirectory), data, templatesDirectory);
    }

    /// <summary>The absolute path the setting at <paramref name="key"/> means, or null when nothing sets it.</summary>
    public static string? Resolve(IConfiguration configuration, string key, string userDirectory)
    {
        var origin = SettingOrigin.Of(configuration, key);
        if (origin is null || string.IsNullOrWhiteSpace(origin.Value)) return null;
        return Path.GetFullPath(Path.Combine(origin.Folder ?? userDirectory, origin.Value));
    }

    /// <summary>The absolute path a folder setting means: where it was set, else its default value taken from <see cref="UserDirectory"/>.</summary>
    public string ResolveSetting(IConfiguration configuration, string key, string value) =>
        Resolve(configuration, key, UserDirectory) ?? Path.GetFullPath(Path.Combine(UserDirectory, value));
}
