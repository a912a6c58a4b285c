using System.Collections.Frozen;
using System.Reflection;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Metadata;

/// <summary>Everything a generic view needs to know about a node kind, read once from its attributes.</summary>
public sealed record NodeDescriptor(
    string Kind,
    string DisplayName,
    NodeCategory Category,
    string Icon,
    string Description,
    Type ClrType,
    IReadOnlyList<string> InputPorts,
    IReadOnlyList<string> OutputPorts,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<SettingDescriptor> Settings)
{
    private static readonly MethodInfo CloneMethod = typeof(Node).GetMethod("<Clone>$")!;

    public Node Create(string id) => (Node)Activator.CreateInstance(ClrType, id)!;

    public SettingDescriptor? FindSetting(string name)
    {
        foreach (var setting in Settings)
            if (setting.Name == name || setting.BuilderMethod == name) return setting;
        return null;
    }

    /// <summary>A copy of <paramref name="node"/> with one setting changed; records stay immutable for everyone else.</summary>
    public Node With(Node node, SettingDescriptor setting, object? value)
    {
        var copy = (Node)CloneMethod.Invoke(node, null)!;
        setting.Property.SetValue(copy, setting.Coerce(value));
        return copy;
    }

    public bool HasInput => InputPorts.Count > 0;
}

public sealed record SettingDescriptor(
    string Name,
    string Label,
    SettingEditor Editor,
    string? Description,
    string Group,
    Type ValueType,
    object? DefaultValue,
    double? Min,
    double? Max,
    double? Step,
    string BuilderMethod,
    PropertyInfo Property)
{
    public object? Get(Node node) => Property.GetValue(node);

    public bool IsDefault(Node node) => Equals(Get(node), DefaultValue);

    public IReadOnlyList<string> Choices =>
        (Nullable.GetUnderlyingType(ValueType) ?? ValueType) is { IsEnum: true } e ? Enum.GetNames(e) : [];

    public bool IsTemplate => Editor is SettingEditor.Template;

    internal object? Coerce(object? value)
    {
        if (value is null) return null;
        var target = Nullable.GetUnderlyingType(ValueType) ?? ValueType;
        if (target.IsInstanceOfType(value)) return value;
        if (target.IsEnum) return value is string s ? Enum.Parse(target, s) : Enum.ToObject(target, value);
        return Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The catalogue of node kinds, built from the attributes on the node records.</summary>
public static class NodeCatalog
{
    private static readonly FrozenDictionary<Type, NodeDescriptor> ByType;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, NodeDescriptor> Extensions = new();
    private static readonly FrozenDictionary<string, NodeDescriptor> ByKind;

    static NodeCatalog()
    {
        var descriptors = typeof(Node).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Node)) && !t.IsAbstract && t.GetCustomAttribute<NodeKindAttribute>() is not null)
            .Select(Describe)
            .ToList();
        ByType = descriptors.ToFrozenDictionary(d => d.ClrType);
        ByKind = descriptors.ToFrozenDictionary(d => d.Kind);
        All = [.. descriptors.OrderBy(d => d.Category).ThenBy(d => d.DisplayName, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<NodeDescriptor> All { get; }

    /// <summary>Built-in kinds come from this assembly; a host may add its own node records (the benchmarks do).</summary>
    public static NodeDescriptor For(Type type) =>
        ByType.TryGetValue(type, out var descriptor) ? descriptor : Extensions.GetOrAdd(type, Describe);

    public static NodeDescriptor? Find(string kind) => ByKind.GetValueOrDefault(kind);

    public static IEnumerable<string> Kinds => ByKind.Keys.Order(StringComparer.Ordinal);

    private static NodeDescriptor Describe(Type type)
    {
        var kind = type.GetCustomAttribute<NodeKindAttribute>()!;
        var sample = (Node)Activator.CreateInstance(type, "sample")!;
        var settings = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SettingAttribute>()))
            .Where(x => x.Attribute is not null)
            // Kind-specific settings first, then the shared ones (title, reliability).
            .OrderBy(x => x.Property.DeclaringType == typeof(Node) ? 1 : 0)
            .ThenBy(x => x.Property.MetadataToken)
            .Select(x => new SettingDescriptor(
                x.Property.Name, x.Attribute!.Label, x.Attribute.Editor, x.Attribute.Description, x.Attribute.Group,
                x.Property.PropertyType, x.Property.GetValue(sample),
                double.IsNaN(x.Attribute.Min) ? null : x.Attribute.Min,
                double.IsNaN(x.Attribute.Max) ? null : x.Attribute.Max,
                double.IsNaN(x.Attribute.Step) ? null : x.Attribute.Step,
                x.Attribute.Builder ?? x.Property.Name, x.Property))
            .ToList();
        return new NodeDescriptor(kind.Kind, kind.DisplayName, kind.Category, kind.Icon, kind.Description, type,
            kind.InputPorts, kind.OutputPorts, kind.Outputs, settings);
    }
}
