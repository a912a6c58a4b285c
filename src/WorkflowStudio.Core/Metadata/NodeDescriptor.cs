using System.Globalization;
using System.Reflection;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Templating;

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
    private const int PreviewWords = 8;
    private static readonly MethodInfo CloneMethod = typeof(Node).GetMethod("<Clone>$")!;

    /// <summary>The <c>INodeExecutor</c> type named by the kind's attribute, or null.</summary>
    public Type? ExecutorType { get; init; }

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

    /// <summary>A one-line summary of the node's key settings for the canvas, built from the settings' preview hints.</summary>
    public string Preview(Node node)
    {
        var parts = Settings.Where(s => s.PreviewOrder > 0).OrderBy(s => s.PreviewOrder).Select(s => s.PreviewOf(node)).OfType<string>().ToList();
        return parts.Count == 0 ? Description : string.Join(" · ", parts);
    }

    /// <summary>Every template the node's settings hold, found through their editors: what validation checks and what the node reads.</summary>
    public IEnumerable<TemplateField> Templates(Node node)
    {
        foreach (var setting in Settings)
            switch (setting.Editor, setting.Get(node))
            {
                case (SettingEditor.Template, string text):
                    yield return new TemplateField(setting.Name, setting.Label, text, IsCondition: false);
                    break;
                case (SettingEditor.Expression, string text):
                    yield return new TemplateField(setting.Name, setting.Label, text, IsCondition: true);
                    break;
                case (SettingEditor.Arguments, IEnumerable<KeyValuePair<string, string>> arguments):
                    foreach (var (name, text) in arguments)
                        yield return new TemplateField($"{setting.Name}.{name}", $"Argument '{name}'", text, IsCondition: false);
                    break;
            }
    }

    internal static string? FirstWords(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        return words.Length <= PreviewWords ? string.Join(' ', words) : string.Join(' ', words.Take(PreviewWords)) + "…";
    }
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
    /// <summary>Text rows an editor should show for this setting.</summary>
    public int Lines { get; init; } = 1;
    public int PreviewOrder { get; init; }
    public string? PreviewFormat { get; init; }
    public string? PreviewWhenBlank { get; init; }
    /// <summary>The problem code for a blank value, or null when blank is fine.</summary>
    public string? RequiredCode { get; init; }
    public bool BlankIsWarning { get; init; }

    public object? Get(Node node) => Property.GetValue(node);

    public bool IsDefault(Node node) => Equals(Get(node), DefaultValue);

    public Type BaseType => Nullable.GetUnderlyingType(ValueType) ?? ValueType;

    public IReadOnlyList<string> Choices => BaseType.IsEnum ? Enum.GetNames(BaseType) : [];

    public bool IsTemplate => Editor is SettingEditor.Template;

    public bool IsNumber => BaseType == typeof(int) || BaseType == typeof(long) || BaseType == typeof(double) || BaseType == typeof(decimal);

    /// <summary>Whether the node leaves this setting empty: no value, blank text or an empty collection.</summary>
    public bool IsBlank(Node node) => Get(node) switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        System.Collections.ICollection collection => collection.Count == 0,
        _ => false,
    };

    internal string? PreviewOf(Node node)
    {
        if (IsBlank(node)) return PreviewWhenBlank;
        var value = Get(node) switch
        {
            string text => NodeDescriptor.FirstWords(text),
            IEnumerable<KeyValuePair<string, string>> map => string.Join(", ", map.Select(kv => kv.Key)),
            IFormattable number => number.ToString(Step is > 0 and < 1 ? "0.##" : null, CultureInfo.InvariantCulture),
            var other => other!.ToString(),
        };
        return PreviewFormat is null ? value : string.Format(CultureInfo.InvariantCulture, PreviewFormat, value);
    }

    internal object? Coerce(object? value)
    {
        if (value is null) return null;
        var target = BaseType;
        if (target.IsInstanceOfType(value)) return value;
        if (target.IsEnum) return value is string s ? Enum.Parse(target, s) : Enum.ToObject(target, value);
        return Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}

/// <summary>A template held by a setting: <see cref="Field"/> names it for problems ("Args.query" for one argument).</summary>
public sealed record TemplateField(string Field, string Label, string Text, bool IsCondition)
{
    public ParsedTemplate Parse() => IsCondition ? TemplateEngine.ParseCondition(Text) : TemplateEngine.Parse(Text);
}
