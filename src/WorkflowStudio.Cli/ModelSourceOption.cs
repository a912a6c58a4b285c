using System.CommandLine;

namespace WorkflowStudio.Cli;

/// <summary>
/// <c>--models</c> for every command that calls models: offline (or configured: the providers in appsettings.json,
/// the offline model by default) or scripted (the in-process test model). One parser, so every command accepts the
/// same words and refuses others with the same sentence.
/// </summary>
internal static class ModelSourceOption
{
    public static Option<ModelSource> Create(string scripted = "the in-process test model") => new("--models")
    {
        Description = $"offline (the configured models, offline by default) or scripted ({scripted}).",
        DefaultValueFactory = _ => ModelSource.Configured,
        CustomParser = result =>
        {
            var word = result.Tokens.Count == 1 ? result.Tokens[0].Value.ToLowerInvariant() : "";
            switch (word)
            {
                case "scripted": return ModelSource.Scripted;
                case "offline" or "configured": return ModelSource.Configured;
                default:
                    result.AddError($"--models must be offline or scripted, not '{string.Join(' ', result.Tokens.Select(t => t.Value))}'.");
                    return ModelSource.Configured;
            }
        },
    };
}
