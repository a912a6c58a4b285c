using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Serialization;

/// <summary>The versioned JSON file format of a workflow. Property order is stable and text → model → text is exact.</summary>
public static partial class WorkflowJson
{
    public const int CurrentSchema = 1;

    // One reference holds both, so a reader on another thread never pairs a version with the wrong options.
    private static Tuple<int, JsonSerializerOptions>? _options;

    /// <summary>The file format's options, rebuilt when a host registers another node kind.</summary>
    public static JsonSerializerOptions Options
    {
        get
        {
            var current = _options;
            var version = NodeCatalog.Version;
            if (current?.Item1 != version) _options = current = Tuple.Create(version, CreateOptions(indented: true));
            return current.Item2;
        }
    }

    public static JsonSerializerOptions CreateOptions(bool indented) => new()
    {
        WriteIndented = indented,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        RespectNullableAnnotations = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 64,
        // Hand-written files put "kind" anywhere in a step; without this, "kind" after "id" threw NotSupportedException (a 500, a failed import).
        AllowOutOfOrderMetadataProperties = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KindsFromCatalog, OmitDefaults } },
    };

    // The "kind" of a node names its record through the catalogue, so a kind is declared once, on its attribute.
    private static void KindsFromCatalog(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(Node)) return;
        var polymorphism = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var descriptor in NodeCatalog.All) polymorphism.DerivedTypes.Add(new JsonDerivedType(descriptor.ClrType, descriptor.Kind));
        typeInfo.PolymorphismOptions = polymorphism;
    }

    // Settings equal to their kind's default are left out, so a file says only what was chosen (like the C# recipe);
    // reading fills them back from the same defaults, so the round trip stays exact.
    private static void OmitDefaults(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.IsAbstract) return;
        if (!typeInfo.Type.IsSubclassOf(typeof(Node)) && typeInfo.Type != typeof(Edge)) return;
        var sample = typeInfo.Type == typeof(Edge) ? new Edge("", "") : Activator.CreateInstance(typeInfo.Type, "sample");
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not { } get || property.Name is "id" or "from" or "to") continue;
            var fallback = get(sample!);
            property.ShouldSerialize = (_, value) => !Equals(value, fallback);
        }
    }

    public static string Serialize(Workflow workflow) => JsonSerializer.Serialize(WorkflowFile.From(workflow), Options);

    /// <summary>Reads a workflow file, or throws <see cref="WorkflowFormatException"/> saying what is wrong and where.</summary>
    public static Workflow Deserialize(string json)
    {
        var nodes = CheckKindsAndSchema(json);
        try
        {
            var file = JsonSerializer.Deserialize<WorkflowFile>(json, Options)
                       ?? throw new WorkflowFormatException("The file is empty: expected a JSON object with \"schema\", \"id\", \"name\", \"nodes\" and \"edges\".", "$");
            return file.ToWorkflow();
        }
        catch (JsonException e)
        {
            if (FindSetting(e.Path, nodes) is var (id, setting))
                throw new WorkflowFormatException($"{setting.Label} of '{id}' has the wrong type or is out of range: {Expected(setting)}.", e.Path!, e.LineNumber + 1, e.BytePositionInLine + 1, e, id, setting.Name);
            throw new WorkflowFormatException(Explain(e), e.Path ?? "$", e.LineNumber + 1, e.BytePositionInLine + 1, e);
        }
    }

    // Nodes are read by a nested serializer call, so the path may start at the node list ("$[2].maxRounds").
    [GeneratedRegex(@"^\$(?:\.nodes)?\[(\d+)\]\.(\w+)$")]
    private static partial Regex NodeSettingPath();

    private static (string Id, SettingDescriptor Setting)? FindSetting(string? path, IReadOnlyList<(string? Id, NodeDescriptor Kind)> nodes)
    {
        if (path is null || NodeSettingPath().Match(path) is not { Success: true } match) return null;
        if (!int.TryParse(match.Groups[1].ValueSpan, out var index) || index >= nodes.Count || nodes[index].Id is not { } id) return null;
        var name = match.Groups[2].Value;
        return nodes[index].Kind.Settings.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) is { } setting
            ? (id, setting)
            : null;
    }

    private static string Expected(SettingDescriptor setting)
    {
        var type = setting.BaseType;
        if (type.IsEnum) return $"expected one of {string.Join(", ", setting.Choices.Select(JsonNamingPolicy.CamelCase.ConvertName))}";
        var what = type == typeof(int) || type == typeof(long) ? "a whole number" : type == typeof(double) ? "a number" : type == typeof(bool) ? "true or false" : "text";
        return (setting.Min, setting.Max) is ({ } min, { } max) ? $"expected {what} between {min:0.###} and {max:0.###}" : $"expected {what}";
    }

    public static bool TryDeserialize(string json, out Workflow? workflow, out WorkflowFormatException? error)
    {
        try
        {
            workflow = Deserialize(json);
            error = null;
            return true;
        }
        catch (WorkflowFormatException e)
        {
            workflow = null;
            error = e;
            return false;
        }
    }

    // A first pass with JsonDocument gives friendlier messages for the two mistakes people make most.
    private static List<(string? Id, NodeDescriptor Kind)> CheckKindsAndSchema(string json)
    {
        var found = new List<(string? Id, NodeDescriptor Kind)>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new WorkflowFormatException($"This is not valid JSON: {JsonErrorText.Of(e)}", e.Path ?? "$", e.LineNumber + 1, e.BytePositionInLine + 1, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new WorkflowFormatException("A workflow file must be a JSON object.", "$");
            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Number)
                throw new WorkflowFormatException($"The file has no \"schema\" number; this version reads \"schema\": {CurrentSchema}.", "$.schema");
            // 1.5 or 1e40 are numbers but no schema; reading them as an int would throw a FormatException instead of this sentence.
            if (!schema.TryGetInt32(out var version) || version != CurrentSchema)
                throw new WorkflowFormatException($"The file uses schema {schema.GetRawText()}; this version reads schema {CurrentSchema}.", "$.schema");
            if (!root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array) return found;
            var index = 0;
            foreach (var node in nodes.EnumerateArray())
            {
                var path = $"$.nodes[{index}]";
                if (node.ValueKind != JsonValueKind.Object)
                    throw new WorkflowFormatException($"Node {index + 1} must be a JSON object.", path);
                var id = node.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
                var name = id is null ? $"Node {index + 1}" : $"Node '{id}'";
                if (!node.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String)
                    throw new WorkflowFormatException($"{name} has no \"kind\". Known kinds: {string.Join(", ", NodeCatalog.Kinds)}.", path, nodeId: id);
                var descriptor = NodeCatalog.Find(kind.GetString()!)
                    ?? throw new WorkflowFormatException($"{name} has an unknown kind '{kind.GetString()}'. Known kinds: {string.Join(", ", NodeCatalog.Kinds)}.", path + ".kind", nodeId: id);
                found.Add((id, descriptor));
                index++;
            }
        }
        return found;
    }

    private static string Explain(JsonException e)
    {
        var message = JsonErrorText.Of(e);
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"Unknown property at {e.Path}: {message}";
        if (message.Contains("missing required", StringComparison.OrdinalIgnoreCase))
            return $"A required property is missing at {e.Path}: {message}";
        return $"The value at {e.Path} has the wrong type or shape: {message}";
    }

    /// <summary>The on-disk shape: the schema number first, then the workflow.</summary>
    private sealed record WorkflowFile(int Schema, string Id, string Name)
    {
        public string? Description { get; init; }
        public ValueList<Node> Nodes { get; init; } = [];
        public ValueList<Edge> Edges { get; init; } = [];
        public ValueMap<Position> Layout { get; init; } = ValueMap<Position>.Empty;

        public static WorkflowFile From(Workflow w) => new(CurrentSchema, w.Id, w.Name)
        {
            Description = w.Description, Nodes = w.Nodes, Edges = w.Edges, Layout = w.Layout,
        };

        public Workflow ToWorkflow() => new(Id, Name) { Description = Description, Nodes = Nodes, Edges = Edges, Layout = Layout };
    }
}

/// <summary>A workflow file that cannot be read, with the JSON path and, when known, the line and column.</summary>
public sealed class WorkflowFormatException(string message, string path, long? line = null, long? column = null, Exception? inner = null, string? nodeId = null, string? field = null)
    : Exception(message, inner)
{
    /// <summary>The setting whose value could not be read, when the problem is one value.</summary>
    public string? Field { get; } = field;

    public string Path { get; } = path;
    public long? Line { get; } = line;
    public long? Column { get; } = column;
    public string? NodeId { get; } = nodeId;

    public string Where => Line is { } l ? $"line {l}, column {Column} ({Path})" : Path;

    public override string ToString() => $"{Where}: {Message}";
}
