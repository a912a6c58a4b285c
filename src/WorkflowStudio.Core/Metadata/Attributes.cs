using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Metadata;

/// <summary>Describes a node kind for the palette, the inspector, validation and code generation.</summary>
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
}

/// <summary>Marks a node property as a user-editable setting.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string label, SettingEditor editor) : Attribute
{
    public string Label { get; } = label;
    public SettingEditor Editor { get; } = editor;
    public string? Description { get; init; }
    public string Group { get; init; } = "Settings";
    public double Min { get; init; } = double.NaN;
    public double Max { get; init; } = double.NaN;
    public double Step { get; init; } = double.NaN;
    /// <summary>The WorkflowBuilder method that sets it, when not the property name.</summary>
    public string? Builder { get; init; }
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
