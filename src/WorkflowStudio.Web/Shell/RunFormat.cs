using System.Globalization;
using System.Text.Json;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Web.Shell;

/// <summary>How run figures and values read in the panel: short, invariant, the same on every machine.</summary>
public static class RunFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A value as text: strings as they are, everything else as JSON.</summary>
    public static string Value(object? value) => value switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => JsonSerializer.Serialize(e, Indented),
        _ => JsonSerializer.Serialize(value, Indented),
    };

    /// <summary>Whether a value is text worth rendering as markdown rather than data shown as JSON.</summary>
    public static bool IsText(object? value) => value is string or JsonElement { ValueKind: JsonValueKind.String };

    public static string Duration(TimeSpan? span) => span is not { } s ? "—"
        : s.TotalSeconds < 1 ? $"{s.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : s.TotalMinutes < 1 ? $"{s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : $"{(int)s.TotalMinutes} min {s.Seconds} s";

    public static string Cost(decimal cost) => "$" + cost.ToString(cost == 0 ? "0" : "0.0000", CultureInfo.InvariantCulture);

    public static string Tokens(int input, int output) => $"{input.ToString("N0", CultureInfo.InvariantCulture)} in / {output.ToString("N0", CultureInfo.InvariantCulture)} out";

    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string StatusClass(RunStatus status) => "run-" + status.ToString().ToLowerInvariant();
}
