using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Metadata;

/// <summary>
/// Describes a node kind for the palette, the inspector, validation, the JSON format, code generation and the runner.
/// The kind's name is written here and nowhere else.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NodeKindAttribute(string kind, string displayName, NodeCategory category, string icon, string description) : Attribute
{
    public string Kind { get; } = kind;
    public string DisplayName { get; } = displayName;
    public NodeCategory Category { get; } = category;
    public string Icon { get; } = icon;
    public string Description { get; } = description;
    public string[] InputPorts { get; init; } = [PortNames.In];
    public string[] OutputPorts { get; init; } = [PortNames.Out];
    /// <summary>Named values the node produces, readable downstream as {{id.name}}.</summary>
    public string[] Outputs { get; init; } = [];
    /// <summary>
    /// The <c>INodeExecutor</c> that runs the kind. Its constructor may ask for the runner's ports
    /// (<c>IModelGateway</c>, <c>IRetriever</c>, <c>IToolRegistry</c>); null means the kind cannot run by itself.
    /// </summary>
    public Type? Executor { get; init; }
}

/// <summary>Marks a node property as a user-editable setting; validation, previews and editors all read this.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string label, SettingEditor editor) : Attribute
{
    public string Label { get; } = label;
    public SettingEditor Editor { get; } = editor;
    public string? Description { get; init; }
    public string Group { get; init; } = "Settings";
    /// <summary>Smallest accepted value; validation enforces it.</summary>
    public double Min { get; init; } = double.NaN;
    /// <summary>Largest accepted value; validation enforces it.</summary>
    public double Max { get; init; } = double.NaN;
    public double Step { get; init; } = double.NaN;
    /// <summary>The WorkflowBuilder method that sets it, when not the property name.</summary>
    public string? Builder { get; init; }
    /// <summary>Text rows the editor shows; 0 means the editor's usual height.</summary>
    public int Lines { get; init; }
    /// <summary>Where the setting appears in the node's one-line canvas preview (1 first); 0 leaves it out.</summary>
    public int Preview { get; init; }
    /// <summary>How the preview shows the value, e.g. "top {0}"; the value itself when null.</summary>
    public string? PreviewFormat { get; init; }
    /// <summary>What the preview says while the value is blank; nothing when null.</summary>
    public string? PreviewWhenBlank { get; init; }
    /// <summary>The problem code validation reports when the value is blank, e.g. "empty_prompt"; blank is fine when null.</summary>
    public string? RequiredCode { get; init; }
    /// <summary>A blank value is only worth a warning (the step still runs, but poorly).</summary>
    public bool BlankIsWarning { get; init; }
}

/// <summary>UI hint: which control edits a setting.</summary>
public enum SettingEditor
{
    Text,
    MultilineText,
    Template,
    Number,
    Slider,
    Toggle,
    Choice,
    Model,
    KnowledgeBase,
    Tool,
    ToolList,
    Arguments,
    JsonSchema,
    Expression,
}

public enum NodeCategory { InputOutput, Ai, Knowledge, Tools, Quality, Flow }
