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

    public static RunEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<RunEvent>(json, Options) ?? throw new JsonException("A stored run event is empty.");

    /// <summary>The discriminator Core gives the event's type, e.g. "nodeCompleted".</summary>
    public static string TypeName(RunEvent runEvent) =>
        TypeNames.TryGetValue(runEvent.GetType(), out var name)
            ? name
            : throw new ArgumentException($"{runEvent.GetType().Name} is not a run event type Core knows how to store.", nameof(runEvent));
}
