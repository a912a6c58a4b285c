using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class TemplateVariablesTests
{
    private readonly IReadOnlyList<TemplateVariable> _available = TemplateVariables.Available(SampleWorkflows.Chain(), "answer");

    [Fact]
    public void Upstream_inputs_are_offered_by_id_and_other_steps_by_their_outputs() =>
        Assert.Equal(["question", "search.text", "search.chunks"], _available.Select(v => v.Name));

    [Fact]
    public void Segments_mark_known_and_unknown_variables()
    {
        var segments = TemplateVariables.Segments("Hi {{question}}, see {{ search.text }} and {{reply.text}} or {{search.nope}}", _available);

        Assert.Equal(
            [("question", true), ("search.text", true), ("reply.text", false), ("search.nope", false)],
            segments.Where(s => s.Variable is not null).Select(s => (s.Variable!, s.Known)));
        Assert.Equal("Hi {{question}}, see {{ search.text }} and {{reply.text}} or {{search.nope}}", string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void Members_of_an_input_are_accepted_as_validation_does() =>
        Assert.Empty(TemplateVariables.Unknown("{{question.text}}", _available));

    [Theory]
    [InlineData("Answer {{que", "que")]
    [InlineData("Answer {{", "")]
    [InlineData("Answer {{question}}", null)]
    [InlineData("Answer", null)]
    public void An_unfinished_reference_at_the_end_is_found(string text, string? prefix) =>
        Assert.Equal(prefix, TemplateVariables.OpenPrefix(text));

    [Fact]
    public void Completing_replaces_the_unfinished_reference() =>
        Assert.Equal("Answer {{search.text}}", TemplateVariables.Complete("Answer {{sea", _available[1]));
}
