using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace WorkflowStudio.Studio.Configuration;

/// <summary>
/// How every face of the studio reads its settings, in this order, later ones winning: the repository's
/// appsettings.json, then <c>--config FILE</c>, then environment variables (<c>Studio__Limits__MaxNodes</c>), then
/// <c>--Studio:Section:Key value</c> on the command line.
/// </summary>
public static class StudioConfiguration
{
    public const string SettingsFileName = "appsettings.json";
    public const string SolutionFileName = "WorkflowStudio.sln";
    public const string ConfigOption = "--config";

    /// <summary>The checkout holding the solution and its appsettings.json, at or above <paramref name="start"/>; null outside one.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)) && File.Exists(Path.Combine(dir.FullName, SettingsFileName)))
                return dir.FullName;
        return null;
    }

    /// <summary>The repository's settings file when the program runs from a checkout, else the copy shipped beside it.</summary>
    public static string SettingsFileFor(string appDirectory) =>
        Path.Combine(FindRepositoryRoot(appDirectory) ?? appDirectory, SettingsFileName);

    /// <summary>
    /// Splits a command line into the settings file named by <c>--config</c>, the settings given as
    /// <c>--Studio:Section:Key value</c> (or <c>=value</c>), and the rest, which belongs to the command.
    /// </summary>
    /// <exception cref="StudioSettingsException">An option is missing its value.</exception>
    public static CommandLineSettings Split(IReadOnlyList<string> args)
    {
        string? configFile = null;
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == ConfigOption || arg.StartsWith(ConfigOption + "=", StringComparison.Ordinal))
            {
                configFile = ValueOf(args, ref i, ConfigOption);
            }
            else if (IsSetting(arg))
            {
                var eq = arg.IndexOf('=');
                var key = eq < 0 ? arg[2..] : arg[2..eq];
                var value = eq < 0 ? ValueOf(args, ref i, arg) : arg[(eq + 1)..];
                settings.Add($"--{key.Replace("__", ":", StringComparison.Ordinal)}={value}");
            }
            else rest.Add(arg);
        }
        return new CommandLineSettings(configFile, settings, [.. rest]);
    }

    /// <summary>The settings sources of a program without a host (the CLI), with relative --config taken from <paramref name="currentDirectory"/>.</summary>
    public static IConfigurationRoot Build(string settingsFile, CommandLineSettings commandLine, string currentDirectory)
    {
        var builder = new ConfigurationBuilder();
        AddSettingsFile(builder, settingsFile);
        if (commandLine.ConfigFile is { } extra) AddSettingsFile(builder, ConfigFilePath(extra, currentDirectory));
        builder.AddEnvironmentVariables();
        builder.AddCommandLine([.. commandLine.Settings]);
        return builder.Build();
    }

    /// <summary>
    /// Puts the repository's settings file beneath every other source and <c>--config FILE</c> just beneath the
    /// environment, in a host's configuration whose other sources (environment, command line) are already in place.
    /// </summary>
    public static void AddStudioSources(IConfigurationManager configuration, string settingsFile, string currentDirectory)
    {
        var sources = configuration.Sources;
        sources.Insert(0, FileSource(settingsFile));
        if (((IConfiguration)configuration)["config"] is { Length: > 0 } extra)
        {
            var firstEnvironment = sources.Select((s, i) => (s, i)).FirstOrDefault(x => x.s is EnvironmentVariablesConfigurationSource).i;
            sources.Insert(firstEnvironment > 0 ? firstEnvironment : sources.Count, FileSource(ConfigFilePath(extra, currentDirectory)));
        }
    }

    private static bool IsSetting(string arg) =>
        arg.StartsWith("--Studio:", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--Studio__", StringComparison.OrdinalIgnoreCase);

    private static string ValueOf(IReadOnlyList<string> args, ref int i, string option)
    {
        var arg = args[i];
        var eq = arg.IndexOf('=');
        if (eq >= 0) return arg[(eq + 1)..];
        if (i + 1 >= args.Count) throw new StudioSettingsException($"{option} needs a value after it.");
        return args[++i];
    }

    private static string ConfigFilePath(string file, string currentDirectory)
    {
        var full = Path.GetFullPath(Path.Combine(currentDirectory, file));
        if (!File.Exists(full)) throw new StudioSettingsException($"The settings file given with {ConfigOption} was not found at {full}.");
        return full;
    }

    private static void AddSettingsFile(IConfigurationBuilder builder, string file)
    {
        if (!File.Exists(file)) throw new StudioSettingsException($"The settings file was not found at {Path.GetFullPath(file)}.");
        builder.Add(FileSource(file));
    }

    // A physical file provider rooted at the file's folder, so a setting's origin names the folder its relative paths start from.
    private static JsonConfigurationSource FileSource(string file) => new()
    {
        FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(Path.GetFullPath(file))!),
        Path = Path.GetFileName(file),
        Optional = false,
    };
}

/// <summary>What a command line says about settings, and the arguments left for the command itself.</summary>
public sealed record CommandLineSettings(string? ConfigFile, IReadOnlyList<string> Settings, string[] Rest);

/// <summary>Settings that cannot be read: a missing file, an option without its value, a value out of range.</summary>
public sealed class StudioSettingsException(string message) : Exception(message);
