using System.Text.Json.Serialization;
using WorkflowStudio.Core.Metadata;

namespace WorkflowStudio.Core.Model;

/// <summary>
/// A step of a workflow. Each kind is a sealed record with typed settings and a <see cref="NodeKindAttribute"/>;
/// the JSON format takes its "kind" names from <see cref="NodeCatalog"/>.
/// </summary>
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
