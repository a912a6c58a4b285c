using System.Text.Json.Serialization;
using WorkflowStudio.Core.Metadata;

namespace WorkflowStudio.Core.Model;

/// <summary>A step of a workflow. Each kind is a sealed record with typed settings and a <see cref="NodeKindAttribute"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(InputNode), NodeKinds.Input)]
[JsonDerivedType(typeof(OutputNode), NodeKinds.Output)]
[JsonDerivedType(typeof(PromptNode), NodeKinds.Prompt)]
[JsonDerivedType(typeof(RetrievalNode), NodeKinds.Retrieval)]
[JsonDerivedType(typeof(ToolNode), NodeKinds.Tool)]
[JsonDerivedType(typeof(JudgeNode), NodeKinds.Judge)]
[JsonDerivedType(typeof(ConditionNode), NodeKinds.Condition)]
[JsonDerivedType(typeof(AgentNode), NodeKinds.Agent)]
public abstract record Node(string Id)
{
    [JsonPropertyOrder(-10)]
    public string Id { get; init; } = Id;

    [JsonPropertyOrder(-9)]
    [Setting("Title", SettingEditor.Text, Description = "A name shown on the canvas instead of the id.", Group = "General")]
    public string? Title { get; init; }

    [JsonPropertyOrder(100)]
    [Setting("Timeout (s)", SettingEditor.Number, Description = "Fail this step if it takes longer than this many seconds.", Group = "Reliability", Min = 0, Max = 3600)]
    public double? TimeoutSeconds { get; init; }

    [JsonPropertyOrder(101)]
    [Setting("Retries", SettingEditor.Number, Description = "How many times to try again after a failure.", Group = "Reliability", Min = 0, Max = 10)]
    public int Retries { get; init; }

    [JsonIgnore]
    public NodeDescriptor Descriptor => NodeCatalog.For(GetType());

    [JsonIgnore]
    public string Kind => Descriptor.Kind;

    [JsonIgnore]
    public string DisplayName => Title ?? Id;
}

public static class NodeKinds
{
    public const string Input = "input";
    public const string Output = "output";
    public const string Prompt = "prompt";
    public const string Retrieval = "retrieval";
    public const string Tool = "tool";
    public const string Judge = "judge";
    public const string Condition = "condition";
    public const string Agent = "agent";
}
