using System.Collections.Frozen;
using System.Reflection;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Metadata;

/// <summary>
/// The catalogue of node kinds, built from the attributes on the node records: Core's own kinds, plus any a host
/// registers at start-up. The palette, inspector, JSON format, C# definitions, validator and runner all read it.
/// </summary>
public static class NodeCatalog
{
    private static readonly Lock Gate = new();
    private static Snapshot _current = Snapshot.Of(typeof(Node).Assembly.GetTypes().Where(IsKind).Select(Describe));
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, NodeDescriptor> Unregistered = new();

    public static IReadOnlyList<NodeDescriptor> All => _current.All;

    public static IEnumerable<string> Kinds => _current.ByKind.Keys.Order(StringComparer.Ordinal);

    /// <summary>Grows by one each time a kind is registered, so caches built from the catalogue know to rebuild.</summary>
    public static int Version => _current.Version;

    public static NodeDescriptor? Find(string kind) => _current.ByKind.GetValueOrDefault(kind);

    /// <summary>The descriptor of any node record; one never registered is described but stays out of the catalogue.</summary>
    public static NodeDescriptor For(Type type) =>
        _current.ByType.TryGetValue(type, out var descriptor) ? descriptor : Unregistered.GetOrAdd(type, Describe);

    /// <summary>
    /// Adds a host's node kind, so JSON files, C# definitions and runs accept it. Call it at start-up, before the first
    /// workflow is read: serializer options built earlier keep the kinds they saw.
    /// </summary>
    public static NodeDescriptor Register(Type type)
    {
        if (!IsKind(type))
            throw new ArgumentException($"{type.Name} is not a node kind: it must be a concrete Node record with a [NodeKind] attribute.", nameof(type));
        lock (Gate)
        {
            if (_current.ByType.TryGetValue(type, out var known)) return known;
            var descriptor = Describe(type);
            if (_current.ByKind.TryGetValue(descriptor.Kind, out var clash))
                throw new ArgumentException($"The kind '{descriptor.Kind}' is already taken by {clash.ClrType.Name}.", nameof(type));
            _current = Snapshot.Of(_current.All.Append(descriptor), _current.Version + 1);
            return descriptor;
        }
    }

    private static bool IsKind(Type type) =>
        type.IsSubclassOf(typeof(Node)) && !type.IsAbstract && type.GetCustomAttribute<NodeKindAttribute>() is not null;

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
            .Select(x => Describe(x.Property, x.Attribute!, sample))
            .ToList();
        return new NodeDescriptor(kind.Kind, kind.DisplayName, kind.Category, kind.Icon, kind.Description, type,
            kind.InputPorts, kind.OutputPorts, kind.Outputs, settings) { ExecutorType = kind.Executor };
    }

    private static SettingDescriptor Describe(PropertyInfo property, SettingAttribute attribute, Node sample) =>
        new(property.Name, attribute.Label, attribute.Editor, attribute.Description, attribute.Group,
            property.PropertyType, property.GetValue(sample),
            double.IsNaN(attribute.Min) ? null : attribute.Min,
            double.IsNaN(attribute.Max) ? null : attribute.Max,
            double.IsNaN(attribute.Step) ? null : attribute.Step,
            attribute.Builder ?? property.Name, property)
        {
            Lines = attribute.Lines > 0 ? attribute.Lines : attribute.Editor switch
            {
                SettingEditor.MultilineText => 3,
                SettingEditor.Template => 2,
                _ => 1,
            },
            PreviewOrder = attribute.Preview,
            PreviewFormat = attribute.PreviewFormat,
            PreviewWhenBlank = attribute.PreviewWhenBlank,
            RequiredCode = attribute.RequiredCode,
            BlankIsWarning = attribute.BlankIsWarning,
        };

    private sealed record Snapshot(
        int Version,
        IReadOnlyList<NodeDescriptor> All,
        FrozenDictionary<Type, NodeDescriptor> ByType,
        FrozenDictionary<string, NodeDescriptor> ByKind)
    {
        public static Snapshot Of(IEnumerable<NodeDescriptor> descriptors, int version = 0)
        {
            var list = descriptors.ToList();
            return new Snapshot(version,
                [.. list.OrderBy(d => d.Category).ThenBy(d => d.DisplayName, StringComparer.Ordinal)],
                list.ToFrozenDictionary(d => d.ClrType),
                list.ToFrozenDictionary(d => d.Kind));
        }
    }
}
