using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowStudio.Core.Model;

/// <summary>An immutable string-keyed map, ordered by key, with value equality: stable JSON and C# output.</summary>
[JsonConverter(typeof(ValueMapJsonConverterFactory))]
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    public static readonly ValueMap<TValue> Empty = new(ImmutableSortedDictionary.Create<string, TValue>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, TValue> _items;

    private ValueMap(ImmutableSortedDictionary<string, TValue> items) => _items = items;

    public static ValueMap<TValue> From(IEnumerable<KeyValuePair<string, TValue>> items) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items));

    public TValue this[string key] => _items[key];
    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<TValue> Values => _items.Values;
    public int Count => _items.Count;

    public ValueMap<TValue> SetItem(string key, TValue value) => new(_items.SetItem(key, value));
    public ValueMap<TValue> Remove(string key) => new(_items.Remove(key));
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool TryGetValue(string key, out TValue value) => _items.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap<TValue>? other) =>
        other is not null && (ReferenceEquals(this, other) || (other.Count == Count && _items.All(kv =>
            other._items.TryGetValue(kv.Key, out var v) && EqualityComparer<TValue>.Default.Equals(kv.Value, v))));

    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _items) { hash.Add(key); hash.Add(value); }
        return hash.ToHashCode();
    }

    public static bool operator ==(ValueMap<TValue>? left, ValueMap<TValue>? right) => Equals(left, right);
    public static bool operator !=(ValueMap<TValue>? left, ValueMap<TValue>? right) => !Equals(left, right);

    public override string ToString() => $"{{{string.Join(", ", _items.Select(kv => $"{kv.Key}: {kv.Value}"))}}}";
}

internal sealed class ValueMapJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueMap<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<ValueMap<T>>
    {
        public override ValueMap<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<Dictionary<string, T>>(ref reader, options) is { } items ? ValueMap<T>.From(items) : ValueMap<T>.Empty;

        public override void Write(Utf8JsonWriter writer, ValueMap<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value)
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, item, options);
            }
            writer.WriteEndObject();
        }
    }
}
