using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Gate;

/// <summary>
/// Scorers and thresholds kept beside a workflow (<c>my-flow.eval.json</c> next to <c>my-flow.json</c> or
/// <c>my-flow.cs</c>), so CI needs one line. Scorers are objects (<see cref="ScorerSpec"/>) or the CLI's short form.
/// </summary>
public sealed record EvalFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new ScorerSpecConverter() },
    };

    /// <summary>How an eval file's name ends; the rest is its workflow file's name.</summary>
    public const string Suffix = ".eval.json";

    public string? Dataset { get; init; }
    public IReadOnlyList<ScorerSpec> Scorers { get; init; } = [];
    public IReadOnlyList<string> Thresholds { get; init; } = [];
    public int? Repeats { get; init; }
    public int? Concurrency { get; init; }
    public double? CaseTimeoutSeconds { get; init; }
    /// <summary>Evaluate only this step, its upstream outputs taken from the cases.</summary>
    public string? IsolateStep { get; init; }

    /// <summary>The eval file's path for a workflow file: the same name with <c>.eval.json</c>.</summary>
    public static string PathBeside(string workflowPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(workflowPath))!, System.IO.Path.GetFileNameWithoutExtension(workflowPath) + Suffix);

    public static EvalFile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<EvalFile>(json, Json) ?? new EvalFile();
        }
        catch (JsonException e)
        {
            throw new FormatException($"The eval file cannot be read{(e.LineNumber is { } line ? $" at line {line + 1}" : "")}: {JsonErrorText.Of(e)}", e);
        }
    }

    private sealed class ScorerSpecConverter : JsonConverter<ScorerSpec>
    {
        public override ScorerSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String) return ScorerSpec.Parse(reader.GetString()!);
            using var document = JsonDocument.ParseValue(ref reader);
            var plain = new JsonSerializerOptions(options);
            plain.Converters.Remove(plain.Converters.OfType<ScorerSpecConverter>().Single());
            return document.Deserialize<ScorerSpec>(plain) ?? throw new JsonException("A scorer is empty.");
        }

        public override void Write(Utf8JsonWriter writer, ScorerSpec value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Eval files are read, not written.");
    }
}
