using System.Text;
using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>
/// A knowledge base from the browser: create it, upload three files at once and watch them index, ask a question and
/// read the ranked passages, then point the RAG template at it and get the answer from a run.
/// </summary>
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

    private const string Depot = "The Harbourline depot in Leith is open on Saturdays from 9 am to 1 pm for parcel collection.";

    [Fact]
    public async Task Create_a_base_upload_three_files_ask_a_question_and_answer_it_from_the_RAG_template()
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
            new FilePayload { Name = "depot.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(Depot) },
        });
        await Expect(page.ByTestId("kb-job-progress")).ToBeAttachedAsync();
        await Expect(page.ByTestId("kb-job")).ToHaveAttributeAsync("data-state", "completed", Indexing);
        await Expect(page.ByTestId("kb-view")).ToHaveAttributeAsync("data-documents", "3");
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

        // The RAG template, pointed at the new base, answers from it.
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("rag-qa", "Harbourline answers");
        await page.SelectStepAsync("search", page.ByTestId("setting-KnowledgeBase"));
        await page.ByTestId("setting-KnowledgeBase").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("harbourline-help", new() { Exact = true }).ClickAsync();
        await Expect(page.ByTestId("setting-KnowledgeBase")).ToContainTextAsync("harbourline-help");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.TextBox("run-input-question").FillAsync("When is the depot open on Saturdays?");
        await page.ByTestId("run-start").ClickAsync();
        // A run runs a saved version: the edit is saved first, with the studio asking.
        await page.TextBox("save-message").FillAsync("Answers from harbourline-help");
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded", Indexing);
        await Expect(page.ByTestId("run-output-reply")).ToContainTextAsync("9 am to 1 pm");
        await page.ScreenshotToDocsAsync("knowledge-rag-answer.png");
    }
}
