using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>How a <see cref="RunEvent"/> is stored: Core's polymorphic JSON with its "type" discriminator.</summary>
public static class RunEventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<Type, string> TypeNames = typeof(RunEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToFrozenDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    public static string Serialize(RunEvent runEvent) => JsonSerializer.Serialize(runEvent, Options);

    public const string CutMarker = "[cut by the studio: ";

    /// <summary>
    /// The event as stored, with its JSON: itself when its JSON fits in <see cref="StoreLimits.EventPayloadChars"/>, else
    /// the same event with each long text cut to a preview and a marker saying how much was not stored, so it still
    /// reads back as its type. The JSON made to measure the event is the one stored: nearly every event fits.
    /// </summary>
    public static (RunEvent Event, string Json) Bounded(RunEvent runEvent)
    {
        try
        {
            var json = Serialize(runEvent);
            if (json.Length <= StoreLimits.EventPayloadChars) return (runEvent, json);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // System.Text.Json refuses values past its own size limit ("JSON value ... is too large"): that is the case to cut.
        }
        var cut = runEvent switch
        {
            NodeDelta d => d with { Text = Cut(d.Text) },
            NodeStarted s => s with { Inputs = Cut(s.Inputs) },
            NodeCompleted c => c with { Outputs = Cut(c.Outputs) },
            NodeFailed f => f with { Message = Cut(f.Message) },
            NodeRetrying r => r with { Reason = Cut(r.Reason) },
            RunStarted s => s with { Inputs = Cut(s.Inputs).ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") },
            RunCompleted c => c with { Outputs = Cut(c.Outputs) },
            RunFailed f => f with { Message = Cut(f.Message) },
            RunCancelled c => c with { Reason = Cut(c.Reason) },
            _ => runEvent,
        };
        // Many values each under the preview length can still add up; then the values give way to one marker.
        var cutJson = Serialize(cut);
        if (cutJson.Length <= StoreLimits.EventPayloadChars) return (cut, cutJson);
        var replaced = cut switch
        {
            NodeStarted s => s with { Inputs = Replaced(s.Inputs.Count) },
            NodeCompleted c => c with { Outputs = Replaced(c.Outputs.Count) },
            RunStarted s => s with { Inputs = new Dictionary<string, string> { ["_cut"] = $"{CutMarker}{s.Inputs.Count} inputs too large to store]" } },
            RunCompleted c => c with { Outputs = Replaced(c.Outputs.Count) },
            _ => cut,
        };
        return (replaced, Serialize(replaced));
    }

    private const int PreviewChars = 10_000;

    private static string Cut(string text) => text.Length <= PreviewChars
        ? text
        : $"{text[..PreviewChars]}… {CutMarker}{text.Length - PreviewChars:N0} more characters not stored]";

    private static Dictionary<string, object?> Cut<T>(IReadOnlyDictionary<string, T> values) =>
        values.ToDictionary(p => p.Key, p => p.Value switch
        {
            string s => Cut(s),
            null => null,
            var other => TryLength(other) is <= PreviewChars ? (object?)other : $"{CutMarker}a value too large to store]",
        });

    private static Dictionary<string, object?> Replaced(int count) => new() { ["_cut"] = $"{CutMarker}{count} values too large to store]" };

    private static int? TryLength(object value)
    {
        try
        {
            return JsonSerializer.Serialize(value, Options).Length;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    public static RunEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<RunEvent>(json, Options) ?? throw new JsonException("A stored run event is empty.");

    /// <summary>The discriminator Core gives the event's type, e.g. "nodeCompleted".</summary>
    public static string TypeName(RunEvent runEvent) =>
        TypeNames.TryGetValue(runEvent.GetType(), out var name)
            ? name
            : throw new ArgumentException($"{runEvent.GetType().Name} is not a run event type Core knows how to store.", nameof(runEvent));
}
