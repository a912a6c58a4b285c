using WorkflowStudio.Web.Workflows;

namespace WorkflowStudio.Web.Tests.Workflows;

public sealed class WorkflowIdsTests
{
    [Theory]
    [InlineData("Support ticket triage!", "support-ticket-triage")]
    [InlineData("  RAG  Q&A  ", "rag-q-a")]
    [InlineData("???", "workflow")]
    [InlineData("Ünïcode name", "n-code-name")]
    public void Names_become_safe_slugs(string name, string slug) => Assert.Equal(slug, WorkflowIds.Slug(name));

    [Fact]
    public void A_taken_slug_gets_the_first_free_suffix() =>
        Assert.Equal("seo-3", WorkflowIds.Unique("SEO", ["seo", "seo-2"]));

    [Theory]
    [InlineData("seo-article", true)]
    [InlineData("../etc/passwd", false)]
    [InlineData("Upper", false)]
    [InlineData("", false)]
    public void Only_safe_ids_are_valid(string id, bool valid) => Assert.Equal(valid, WorkflowIds.IsValid(id));
}
