using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync;

/// <summary>
/// The WorkflowBuilder API read by reflection, so that the generator and the parser follow Core's builder and
/// node metadata: a new node kind with a builder method needs no change here.
/// </summary>
internal static class BuilderApi
{
    public static readonly ConstructorInfo Constructor = typeof(WorkflowBuilder).GetConstructors().Single();

    public static readonly MethodInfo BuildMethod = typeof(WorkflowBuilder).GetMethod(nameof(WorkflowBuilder.Build))!;

    private static Api _api = Api.Read();

    /// <summary>Chain methods a definition may call, by name; only those whose arguments can all be literals or setting lambdas.</summary>
    public static FrozenDictionary<string, MethodInfo> ChainMethods => Current.ChainMethods;

    public static FrozenDictionary<MethodInfo, NodeAdder> AddersByMethod => Current.AddersByMethod;

    public static IEnumerable<string> ChainMethodNames => ChainMethods.Keys.Order(StringComparer.Ordinal).Append(BuildMethod.Name);

    /// <summary>The parameters a call site gives: an extension method's <c>this</c> builder is not one of them.</summary>
    public static ParameterInfo[] Parameters(MethodInfo method) => method.IsStatic ? method.GetParameters()[1..] : method.GetParameters();

    public static WorkflowBuilder Invoke(MethodInfo method, WorkflowBuilder builder, object?[] arguments) =>
        (WorkflowBuilder)(method.IsStatic ? method.Invoke(null, [builder, .. arguments]) : method.Invoke(builder, arguments))!;

    // Re-read when a host registers a node kind, since its builder method lives beside it.
    private static Api Current => _api.Version == NodeCatalog.Version ? _api : _api = Api.Read();

    public static NodeAdder AdderFor(Node node) =>
        Current.AddersByNodeType.TryGetValue(node.GetType(), out var adder)
            ? adder
            : throw new ArgumentException($"Node '{node.Id}' is a {node.GetType().Name}, which has no WorkflowBuilder method, so it cannot be written as C#.", nameof(node));

    private static readonly ConcurrentDictionary<ParameterInfo, bool> Nullability = new();

    /// <summary>Whether null may be passed, by the parameter's nullable annotation; read once per parameter.</summary>
    public static bool AcceptsNull(ParameterInfo parameter) =>
        Nullability.GetOrAdd(parameter, p => new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable);

    /// <summary>The Func&lt;TBuilder, TBuilder&gt; that configures a node, or null for any other type.</summary>
    public static Type? NodeBuilderOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Func<,>) && type.GetGenericArguments() is [var a, var b] && a == b && typeof(INodeBuilder).IsAssignableFrom(a)
            ? a
            : null;

    private sealed record Api(
        int Version,
        FrozenDictionary<string, MethodInfo> ChainMethods,
        FrozenDictionary<MethodInfo, NodeAdder> AddersByMethod,
        FrozenDictionary<Type, NodeAdder> AddersByNodeType)
    {
        public static Api Read()
        {
            var version = NodeCatalog.Version;
            // A kind from outside Core brings its builder method as an extension of WorkflowBuilder, in its own assembly.
            var extensions = NodeCatalog.All.Select(d => d.ClrType.Assembly).Where(a => a != typeof(WorkflowBuilder).Assembly).Distinct()
                .SelectMany(a => a.GetExportedTypes())
                .Where(t => t is { IsAbstract: true, IsSealed: true } && t.IsDefined(typeof(ExtensionAttribute), false))
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                .Where(m => m.IsDefined(typeof(ExtensionAttribute), false) && m.GetParameters()[0].ParameterType == typeof(WorkflowBuilder));
            var chainMethods = typeof(WorkflowBuilder)
                .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Concat(extensions)
                .Where(m => m.ReturnType == typeof(WorkflowBuilder) && !m.IsGenericMethod && Parameters(m).All(p => IsExpressible(p.ParameterType)))
                .GroupBy(m => m.Name)
                // Overloads would make a definition ambiguous to read; the widest one accepts everything the others do.
                .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(m => Parameters(m).Length).First(), StringComparer.Ordinal);
            var adders = chainMethods.Values.Select(NodeAdder.TryCreate).OfType<NodeAdder>().ToList();
            return new Api(version, chainMethods, adders.ToFrozenDictionary(a => a.Method), adders.ToFrozenDictionary(a => a.NodeType));
        }
    }

    private static bool IsExpressible(Type type)
    {
        if (NodeBuilderOf(type) is not null) return true;
        if (type.IsArray) return IsExpressible(type.GetElementType()!);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
            return type.GetGenericArguments().All(IsExpressible);
        return type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(double) || type.IsEnum;
    }
}

/// <summary>A WorkflowBuilder method that adds one node kind, e.g. Output(id, value, configure).</summary>
internal sealed record NodeAdder(
    MethodInfo Method,
    Type NodeType,
    NodeDescriptor Descriptor,
    Type BuilderType,
    IReadOnlyList<(ParameterInfo Parameter, SettingDescriptor Setting)> Positional,
    FrozenDictionary<string, MethodInfo> SettingMethods)
{
    public static NodeAdder? TryCreate(MethodInfo method)
    {
        var parameters = BuilderApi.Parameters(method);
        var builderType = parameters.Select(p => BuilderApi.NodeBuilderOf(p.ParameterType)).OfType<Type>().FirstOrDefault();
        if (builderType is null || parameters is not [{ Name: "id" } id, ..] || id.ParameterType != typeof(string)) return null;
        var nodeType = NodeTypeOf(builderType);
        if (nodeType is null) return null;
        var descriptor = NodeCatalog.For(nodeType);
        var positional = new List<(ParameterInfo, SettingDescriptor)>();
        foreach (var parameter in parameters[1..])
        {
            if (BuilderApi.NodeBuilderOf(parameter.ParameterType) is not null) continue;
            var setting = descriptor.Settings.FirstOrDefault(s => string.Equals(s.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            // A positional argument that is not a setting could not be written back from a workflow.
            if (setting is null) return null;
            positional.Add((parameter, setting));
        }
        var settingMethods = builderType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType == builderType && !m.IsGenericMethod)
            .GroupBy(m => m.Name)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(m => m.GetParameters().Length).First(), StringComparer.Ordinal);
        return new NodeAdder(method, nodeType, descriptor, builderType, positional, settingMethods);
    }

    public string Name => Method.Name;

    /// <summary>How a settings lambda for this kind looks, for messages: p => p.Model(...).</summary>
    public string Example
    {
        get
        {
            var parameter = char.ToLowerInvariant(Name[0]);
            return $"{parameter} => {parameter}.{SettingMethods.Keys.Order(StringComparer.Ordinal).First()}(...)";
        }
    }

    public bool IsPositional(SettingDescriptor setting) => Positional.Any(p => p.Setting == setting);

    private static Type? NodeTypeOf(Type builderType)
    {
        for (var type = builderType.BaseType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(NodeBuilder<,>))
                return type.GetGenericArguments()[1];
        return null;
    }
}
