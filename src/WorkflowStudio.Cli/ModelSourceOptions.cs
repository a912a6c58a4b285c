using System.CommandLine;
using System.CommandLine.Parsing;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Cli;

public enum ModelSource { Configured, Scripted }

/// <summary>
/// <c>--models</c> for every command that calls models: offline (or configured: the providers in appsettings.json, the
/// offline model by default) or scripted (the in-process test model), which <c>--scripted-reply</c> and
/// <c>--scripted-latency</c> shape. One parser, so every command accepts the same words and refuses others with the
/// same sentence.
/// </summary>
internal sealed class ModelSourceOptions
{
    public const int MaxLatencyMilliseconds = 60_000;

    private readonly Option<ModelSource> _source;

    private readonly Option<string?> _reply = new("--scripted-reply")
    {
        HelpName = "template",
        Description = "With --models scripted: a Liquid template it answers with, over prompt (the last user message), system, model and purpose (chat or judge).",
    };

    private readonly Option<int?> _latency = new("--scripted-latency")
    {
        HelpName = "ms",
        Description = $"With --models scripted: milliseconds it waits before each answer, as a hosted model would (0-{MaxLatencyMilliseconds}).",
    };

    public ModelSourceOptions(string scripted = "the in-process test model")
    {
        _source = new("--models")
        {
            // Without a default value factory, so help names the words it takes, not the enum's (absent, it is Configured).
            Description = $"offline (the configured models, offline by default) or scripted ({scripted}).",
            HelpName = "offline|scripted",
            CustomParser = result =>
            {
                if (Word(result.Tokens) is { } source) return source;
                result.AddError($"--models must be offline or scripted, not '{string.Join(' ', result.Tokens.Select(t => t.Value))}'.");
                return ModelSource.Configured;
            },
        };
        _reply.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } template && TemplateEngine.Parse(template).Error is { } problem)
                result.AddError("--scripted-reply: " + problem);
        });
        _latency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > MaxLatencyMilliseconds)
                result.AddError($"--scripted-latency must be between 0 and {MaxLatencyMilliseconds} milliseconds.");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_source);
        command.Options.Add(_reply);
        command.Options.Add(_latency);
        command.Validators.Add(result =>
        {
            // Read from the words, not the value: asking for a malformed --models' value throws its own error.
            var words = result.GetResult(_source)?.Tokens ?? [];
            if (words.Count > 0 && Word(words) is null) return;
            if (Word(words) != ModelSource.Scripted && (result.GetResult(_reply) is not null || result.GetResult(_latency) is not null))
                result.AddError("--scripted-reply and --scripted-latency shape the scripted model; add --models scripted.");
        });
    }

    private static ModelSource? Word(IReadOnlyList<Token> tokens) =>
        tokens is [{ Value: var word }] ? word.ToLowerInvariant() switch
        {
            "scripted" => ModelSource.Scripted,
            "offline" or "configured" => ModelSource.Configured,
            _ => null,
        } : null;

    public ModelChoice Read(ParseResult parse) =>
        new(parse.GetValue(_source), parse.GetValue(_reply), TimeSpan.FromMilliseconds(parse.GetValue(_latency) ?? 0));
}

/// <summary>Which models a command calls: the configured ones, or the scripted model with its reply and latency.</summary>
internal sealed record ModelChoice(ModelSource Source, string? Reply = null, TimeSpan Latency = default)
{
    public static ModelChoice Configured { get; } = new(ModelSource.Configured);

    /// <summary>The scripted model as chosen, or null for the configured models.</summary>
    public IModelGateway? Scripted() => Source != ModelSource.Scripted ? null
        : new ScriptedModelGateway(Reply is null ? null : ScriptedModelGateway.TemplateReply(TemplateEngine.Parse(Reply)), latency: Latency);
}
