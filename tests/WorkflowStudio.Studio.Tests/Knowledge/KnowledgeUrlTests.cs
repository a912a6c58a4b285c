using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Studio.Knowledge;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Studio.Tests.Knowledge;

/// <summary>
/// Adding a web page to a knowledge base through the HTTP tool, against a real site on loopback that the settings
/// allow (as a company would allow its intranet): the page is read, indexed and answered from; what cannot be a
/// document is refused with a sentence and adds nothing.
/// </summary>
public sealed class KnowledgeUrlTests : IAsyncLifetime
{
    private const string ReturnsPage = """
        <html><head><title>Returns</title><style>p { color: red }</style></head>
        <body><nav>Home · Shop · Help</nav>
        <h1>Returning an order</h1>
        <p>You can return any order within 30 days of delivery. Print the label from your account and drop the parcel at a post office.</p>
        <p>Refunds reach your card within 5 working days of the return arriving.</p>
        <script>track('returns')</script></body></html>
        """;

    private LoopbackSite _site = null!;
    private StudioHost _studio = null!;
    private Uri _base = null!;

    public Task InitializeAsync()
    {
        _site = LoopbackSite.Start(site =>
        {
            site.MapGet("/help/returns", () => Results.Content(ReturnsPage, "text/html; charset=utf-8"));
            site.MapGet("/help/missing", () => Results.NotFound());
            site.MapGet("/manual.pdf", () => Results.Bytes("%PDF-1.7 not really"u8.ToArray(), "application/pdf"));
            site.MapGet("/huge", () => Results.Text(new string('x', 20_000), "text/plain"));
        });
        _base = _site.BaseUri;
        _studio = new StudioHost(new Dictionary<string, string?>
        {
            ["Studio:Tools:Http:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Studio:Tools:Http:MaxResponseBytes"] = "8192",
        });
        return Task.CompletedTask;
    }

    private KnowledgeLibrary Library => _studio.Get<KnowledgeLibrary>();

    [Fact]
    public async Task A_page_is_fetched_indexed_without_its_markup_and_answered_from_with_its_address_as_source()
    {
        await Library.CreateAsync("help");
        var url = new Uri(_base, "/help/returns").ToString();

        var done = await (await Library.AddUrlAsync("help", url)).Completion;

        Assert.Equal(IndexingState.Completed, done.State);
        var document = Assert.Single(await Library.DocumentsAsync("help"));
        Assert.Equal($"127.0.0.1_{_base.Port}/help/returns.html", document.Name);
        Assert.Equal(url, document.Source);
        Assert.Equal("html", document.Kind);
        var passages = await Library.QueryAsync("help", "How long do refunds take?");
        Assert.Contains("5 working days", passages[0].Text);
        Assert.All(passages, p => Assert.DoesNotContain("track(", p.Text));
        Assert.All(passages, p => Assert.DoesNotContain("color: red", p.Text));
    }

    [Theory]
    [InlineData("/help/missing", "answered HTTP 404")]
    [InlineData("/manual.pdf", "is application/pdf")]
    [InlineData("/huge", "larger than the HTTP tool's size limit")]
    public async Task What_cannot_be_a_document_is_refused_with_a_sentence_and_adds_nothing(string path, string reason)
    {
        await Library.CreateAsync("help");

        var refused = await Assert.ThrowsAsync<StoreException>(() => Library.AddUrlAsync("help", new Uri(_base, path).ToString()));

        Assert.Contains(reason, refused.Message);
        Assert.Empty(await Library.DocumentsAsync("help"));
    }

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        await _site.DisposeAsync();
    }
}
