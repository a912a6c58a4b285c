using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.AI.Tests;

/// <summary>The shipped templates run with the offline model on ordinary inputs, read by what they output.</summary>
public sealed class OfflineTemplateTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    private readonly Studio _studio = shared.Studio;

    private Task<IReadOnlyList<RunEvent>> RunAsync(string template, string input, string value) =>
        _studio.RunAsync(Runs.Template(template), new Dictionary<string, string> { [input] = value });

    [Theory]
    [InlineData("I was charged twice on my invoice", "BILLING", "pending authorisation")]
    [InlineData("I want a refund for my order", "BILLING", "5 to 7 business days")]
    [InlineData("Why is my subscription price higher this month?", "BILLING", "30 days ahead")]
    [InlineData("Can I pay by bank transfer?", "BILLING", "bank transfer")]
    [InlineData("Please cancel my Acme Plus plan", "BILLING", "Account > Subscription")]
    [InlineData("The app crashes when I open it", "TECHNICAL", "latest version")]
    [InlineData("My widget won't connect to Wi-Fi", "TECHNICAL", "2.4 GHz")]
    [InlineData("How do I update the firmware?", "TECHNICAL", "Device > Firmware")]
    [InlineData("Error E23 keeps showing", "TECHNICAL", "motor is blocked")]
    [InlineData("The motor makes a grinding noise", "TECHNICAL", "dust in the rotor")]
    [InlineData("The battery drains in an hour", "TECHNICAL", "eco mode")]
    public async Task Support_triage_classifies_into_exactly_one_label_and_replies_from_the_support_replies(string ticket, string label, string fact)
    {
        var events = await RunAsync("support-triage", "ticket", ticket);

        Assert.Equal(label, events.Completed("classify").Outputs["text"]);
        Assert.Contains(events, e => e is NodeCompleted { NodeId: var id } && id == (label == "BILLING" ? "billing" : "technical"));
        var reply = (string)Assert.IsType<RunCompleted>(events[^1]).Outputs["reply"]!;
        Assert.Contains(fact, reply);
        Assert.DoesNotContain(ticket.TrimEnd('?'), reply, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("Sources: " + (label == "BILLING" ? "billing-replies.md" : "technical-replies.md"), reply);
    }

    [Theory]
    [InlineData("How long is the warranty on Widget Pro?", "three-year warranty")]
    [InlineData("Can I return it?", "30 days")]
    [InlineData("How do I reset my widget?", "hold the power button and the pairing button together for ten seconds")]
    [InlineData("What does error E23 mean?", "motor is blocked")]
    [InlineData("How long is cloud history kept?", "90 days")]
    [InlineData("How long do refunds take?", "5 to 7 business days")]
    [InlineData("How do I delete my account?", "Delete account")]
    [InlineData("How long does the Widget Pro battery last in turbo mode?", "9 hours")]
    [InlineData("Which Wi-Fi band does the widget need?", "2.4 GHz")]
    [InlineData("Can I rinse the widget under water?", "splash resistant")]
    public async Task Rag_qa_answers_from_the_sentence_that_carries_the_fact_and_cites_it(string question, string fact)
    {
        var events = await RunAsync("rag-qa", "question", question);

        var reply = (string)Assert.IsType<RunCompleted>(events[^1]).Outputs["reply"]!;
        Assert.Contains(fact, reply);
        Assert.Contains("\n\nSources: ", reply);
        Assert.True(reply.Split("\n\n")[0].Length < 300, reply);
    }

    [Theory]
    [InlineData("Do you ship to Canada?")]
    [InlineData("Is there a student discount?")]
    public async Task Rag_qa_says_the_knowledge_base_does_not_say_and_its_judge_agrees(string question)
    {
        var events = await RunAsync("rag-qa", "question", question);

        var reply = (string)Assert.IsType<RunCompleted>(events[^1]).Outputs["reply"]!;
        Assert.StartsWith("The knowledge base does not say", reply);
        Assert.StartsWith("It rightly declines", (string)events.Completed("grounded").Outputs["reason"]!);
    }

    [Theory]
    [InlineData("smart widgets")]
    [InlineData("keyword research")]
    [InlineData("meta descriptions")]
    [InlineData("widget market")]
    [InlineData("solar panels")]
    [InlineData("heat pumps")]
    [InlineData("espresso grinders")]
    [InlineData("robot vacuums")]
    [InlineData("password managers")]
    [InlineData("dog training")]
    public async Task Seo_article_writes_a_titled_piece_with_sections_and_sources_from_the_research(string keyword)
    {
        var events = await RunAsync("seo-article", "keyword", keyword);

        var article = (string)Assert.IsType<RunCompleted>(events[^1]).Outputs["article"]!;
        Assert.StartsWith("# ", article);
        Assert.Contains("\n## ", article);
        Assert.Contains("\nSources: https://", article);
    }

    [Fact]
    public async Task Seo_article_says_plainly_when_the_research_found_nothing_and_the_editor_fails_it()
    {
        var events = await RunAsync("seo-article", "keyword", "medieval siege engines");

        var draft = (string)events.OfType<NodeCompleted>().First(e => e.NodeId == "writer").Outputs["text"]!;
        Assert.StartsWith("No article about medieval siege engines: the research notes are empty or say nothing about it", draft);
        Assert.All(events.OfType<NodeCompleted>().Where(e => e.NodeId == "editor"), e => Assert.Equal("fail", e.Port));
        Assert.Equal("loop_limit", Assert.IsType<RunFailed>(events[^1]).Code);
    }
}
