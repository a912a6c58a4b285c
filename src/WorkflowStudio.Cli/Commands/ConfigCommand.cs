using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Cli.Commands;

/// <summary>`studio config`: every effective "Studio" setting, where it came from, and the folders relative paths resolve to.</summary>
internal static class ConfigCommand
{
    private static readonly string[] SecretWords = ["key", "secret", "password", "token"];

    public static Command Create(CliSettings settings, TextWriter output)
    {
        var command = new Command("config", "Prints the effective settings (secrets masked) and where each came from.");
        command.SetAction(_ =>
        {
            output.WriteLine($"data directory: {settings.Paths.DataDirectory}");
            output.WriteLine($"relative paths from the command line or environment start at: {settings.Paths.UserDirectory}");
            foreach (var (key, _) in settings.Configuration.GetSection(StudioOptions.Section).AsEnumerable()
                         .Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
            {
                var origin = SettingOrigin.Of(settings.Configuration, key)!;
                output.WriteLine($"{key} = {Mask(key, origin.Value)}  ({origin.Source})");
            }
            return StudioCli.Ok;
        });
        return command;
    }

    // ApiKeyEnv names a variable, not a key, so it is shown; anything else that reads like a secret is not.
    private static string? Mask(string key, string? value)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        var secret = !name.EndsWith("Env", StringComparison.OrdinalIgnoreCase)
                     && SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
        return secret && !string.IsNullOrEmpty(value) ? "****" : value;
    }
}
