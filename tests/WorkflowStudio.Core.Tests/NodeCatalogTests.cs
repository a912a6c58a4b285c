using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Tests;

public class NodeCatalogTests
{
    public static TheoryData<string> Kinds() => [.. NodeCatalog.Kinds];

    [Fact]
    public void Catalog_lists_every_built_in_kind()
    {
        // Other tests register kinds of their own; the built-in ones are those Core declares.
        Assert.Equal(["agent", "condition", "input", "judge", "output", "prompt", "retrieval", "tool"],
            NodeCatalog.Kinds.Where(k => NodeCatalog.Find(k)!.ClrType.Assembly == typeof(Node).Assembly));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_has_a_complete_descriptor(string kind)
    {
        var descriptor = NodeCatalog.Find(kind)!;
        Assert.False(string.IsNullOrWhiteSpace(descriptor.DisplayName));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Icon));
        Assert.Contains(descriptor.Settings, s => s.Name == nameof(Node.Title));
        Assert.All(descriptor.Settings, s => Assert.False(string.IsNullOrWhiteSpace(s.Label)));
        var node = descriptor.Create("n1");
        Assert.Equal(kind, node.Kind);
        Assert.All(descriptor.Settings, s => Assert.True(s.IsDefault(node)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_setting_of_every_kind_can_be_changed_through_its_descriptor(string kind)
    {
        var descriptor = NodeCatalog.Find(kind)!;
        var original = descriptor.Create("n1");
        foreach (var setting in descriptor.Settings.Where(s => s.Editor != SettingEditor.Arguments))
        {
            object value = (Nullable.GetUnderlyingType(setting.ValueType) ?? setting.ValueType) switch
            {
                var t when t == typeof(string) => "changed",
                var t when t == typeof(bool) => !(bool)setting.DefaultValue!,
                var t when t == typeof(int) => 3,
                var t when t == typeof(double) => 0.25,
                var t when t.IsEnum => Enum.GetValues(t).GetValue(1)!,
                var t => throw new InvalidOperationException($"No sample value for {t}"),
            };
            var changed = descriptor.With(original, setting, value);
            Assert.Equal(value, setting.Get(changed));
            Assert.False(setting.IsDefault(changed));
            Assert.True(setting.IsDefault(original));
        }
    }

    [Fact]
    public void Ports_follow_the_kind()
    {
        Assert.Equal([PortNames.Pass, PortNames.Fail], NodeCatalog.Find("judge")!.OutputPorts);
        Assert.Equal([PortNames.True, PortNames.False], NodeCatalog.Find("condition")!.OutputPorts);
        Assert.Empty(NodeCatalog.Find("input")!.InputPorts);
        Assert.Empty(NodeCatalog.Find("output")!.OutputPorts);
    }

    [Fact]
    public void Setting_values_are_coerced_from_what_an_editor_sends()
    {
        var judge = NodeCatalog.Find("judge")!;
        var node = judge.With(judge.Create("j"), judge.FindSetting("Scale")!, "OneToFive");
        Assert.Equal(JudgeScale.OneToFive, ((JudgeNode)node).Scale);
        var prompt = NodeCatalog.Find("prompt")!;
        Assert.Equal(200, ((PromptNode)prompt.With(prompt.Create("p"), prompt.FindSetting("MaxTokens")!, 200.0)).MaxTokens);
    }
}
