using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.FileProviders;

namespace WorkflowStudio.Studio.Configuration;

/// <summary>Which source gave a setting its value: a settings file (with its folder), the environment or the command line.</summary>
public sealed record SettingOrigin(string Key, string? Value, string Source, string? Folder)
{
    /// <summary>The last source that sets <paramref name="key"/> wins, as in configuration itself; null when none does.</summary>
    public static SettingOrigin? Of(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root) return configuration[key] is { } v ? new SettingOrigin(key, v, "settings", null) : null;
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out var value)) continue;
            return provider switch
            {
                FileConfigurationProvider { Source: { Path: { } file, FileProvider: PhysicalFileProvider files } } =>
                    new SettingOrigin(key, value, Path.Combine(files.Root, file), files.Root),
                EnvironmentVariablesConfigurationProvider => new SettingOrigin(key, value, "environment", null),
                CommandLineConfigurationProvider => new SettingOrigin(key, value, "command line", null),
                _ => new SettingOrigin(key, value, provider.GetType().Name, null),
            };
        }
        return null;
    }
}
