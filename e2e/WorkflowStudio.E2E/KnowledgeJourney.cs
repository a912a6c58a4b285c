using System.Text;
using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>A knowledge base from the browser: create it, upload two files at once, ask a question and read the ranked passages.</summary>
[Collection(StudioCollection.Name)]
public sealed class KnowledgeJourney(StudioFixture studio)
{
    // Embedding shares two cores with the other journeys' studio work, so indexing may take a while.
    private static readonly LocatorAssertionsToHaveAttributeOptions Indexing = new() { Timeout = 120_000 };

    private const string Phone = """
        # Contacting support

        ## Phone
        Call the Harbourline help desk on 0800 555 0199. Lines are open weekdays from 8 am to 6 pm.

        ## Email
        Write to help@harbourline.example and expect an answer within two working days.
        """;

    private const string Refunds = """
        <html><head><title>Refunds</title></head><body>
        <nav>Home · Help · Account</nav>
        <h1>Refunds</h1>
        <p>Refunds reach your card within 5 working days of the returned parcel arriving at our depot.</p>
        <h2>Damaged parcels</h2>
        <p>Send a photo of the damage within 14 days and we refund the delivery fee as well.</p>
        </body></html>
        """;

    [Fact]
    public async Task Create_a_base_upload_two_files_ask_a_question_and_see_ranked_passages()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/knowledge");
        await page.WaitForInteractiveAsync();

        await page.TextBox("kb-new-name").FillAsync("harbourline-help");
        await page.ByTestId("kb-create").ClickAsync();
        await Expect(page.ByTestId("kb-view")).ToHaveAttributeAsync("data-name", "harbourline-help");

        await page.ByTestId("kb-upload").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "contact.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(Phone) },
            new FilePayload { Name = "refunds.html", MimeType = "text/html", Buffer = Encoding.UTF8.GetBytes(Refunds) },
        });
        await Expect(page.ByTestId("kb-job")).ToHaveAttributeAsync("data-state", "completed", Indexing);
        await Expect(page.ByTestId("kb-view")).ToHaveAttributeAsync("data-documents", "2");
        await Expect(page.ByTestId("kb-document-contact.md")).ToBeVisibleAsync();
        await Expect(page.ByTestId("kb-document-refunds.html")).ToBeVisibleAsync();

        await page.TextBox("kb-question").FillAsync("What number do I call for help?");
        await page.ByTestId("kb-ask").ClickAsync();

        var first = page.Locator("[data-testid=kb-passage][data-rank='1']");
        await Expect(first).ToHaveAttributeAsync("data-document", "contact.md");
        await Expect(first).ToContainTextAsync("0800 555 0199");
        await Expect(first.GetByTestId("kb-score-fused")).ToContainTextAsync("fused 0.");
        await Expect(first.GetByTestId("kb-score-vector")).ToContainTextAsync("vector ");
        await Expect(first.GetByTestId("kb-score-keyword")).ToContainTextAsync("keyword ");
        await Expect(page.Locator("[data-testid=kb-passage][data-document='refunds.html']").First).ToBeVisibleAsync();
        await page.ScreenshotToDocsAsync("knowledge-try-a-question.png");
    }
}
