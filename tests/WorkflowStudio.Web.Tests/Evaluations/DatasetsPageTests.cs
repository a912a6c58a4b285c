using Microsoft.AspNetCore.Components.Forms;
using WorkflowStudio.Web.Datasets;

namespace WorkflowStudio.Web.Tests.Evaluations;

/// <summary>The Datasets page over real storage: import with a preview, errors that name the row and column, the grid editor.</summary>
public sealed class DatasetsPageTests : StudioTestContext, IDisposable
{
    private readonly EvaluationStudioData _data = new();

    public DatasetsPageTests() => _data.AddTo(Services);

    void IDisposable.Dispose() => _data.Dispose();

    private IRenderedComponent<DatasetsPage> RenderPage()
    {
        var page = Render<DatasetsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=datasets-list]").GetAttribute("data-count")));
        return page;
    }

    private static void Upload(IRenderedComponent<DatasetsPage> page, string text, string name) =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));

    [Fact]
    public async Task An_imported_file_is_previewed_with_its_columns_before_it_is_saved_as_version_1()
    {
        var page = RenderPage();
        Upload(page, EvaluationStudioData.Csv, "fruit.csv");

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=datasets-preview]").GetAttribute("data-rows")));
        Assert.Equal(["id", "question", "expected", "tags", "split", "note"], page.FindAll("[data-testid=datasets-preview-columns] .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("plums", page.Find("[data-testid=dataset-table]").TextContent);
        Assert.Empty(await _data.Datasets.ListAsync());

        page.Find("[data-testid=datasets-import-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=dataset-editor]").GetAttribute("data-version")));
        Assert.NotNull(page.Find("[data-testid=dataset-fruit-v1]"));
    }

    [Fact]
    public void A_bad_file_is_refused_with_the_row_and_column_at_fault_and_nothing_is_stored()
    {
        var page = RenderPage();
        Upload(page, "id,question\na,apples\n,pears\n", "broken.csv");

        page.WaitForAssertion(() => Assert.Equal("id", page.Find("[data-testid=datasets-error]").GetAttribute("data-column")));
        Assert.Equal("3", page.Find("[data-testid=datasets-error]").GetAttribute("data-row"));
        Assert.Contains("broken.csv: row 3", page.Find("[data-testid=datasets-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=datasets-preview]"));
    }

    [Fact]
    public async Task Rows_added_edited_and_deleted_in_the_grid_are_saved_as_a_new_version()
    {
        await _data.ImportFruitAsync();
        var page = RenderPage();
        page.Find("[data-testid=dataset-fruit-v1]").Click();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=dataset-editor]").GetAttribute("data-rows")));

        page.Find("[data-testid=dataset-cell-1-expected]").Input("pears");
        page.Find("[data-testid=dataset-add-row]").Click();
        page.WaitForElement("[data-testid=dataset-cell-2-id]").Input("c");
        page.Find("[data-testid=dataset-cell-2-question]").Input("figs");
        page.Find("[data-testid=dataset-delete-0]").Click();
        page.Find("[data-testid=dataset-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=dataset-editor]").GetAttribute("data-version")));
        var saved = await _data.Datasets.ReadAsync("fruit", 2);
        Assert.Equal(["b", "c"], saved.Rows.Select(r => r["id"]));
        Assert.Equal("pears", saved.Rows[0]["expected"]);
        Assert.Equal(2, (await _data.Datasets.ReadAsync("fruit", 1)).Rows.Count);
    }

    [Fact]
    public async Task A_row_that_does_not_make_a_case_is_named_and_no_version_is_added()
    {
        await _data.ImportFruitAsync();
        var page = RenderPage();
        page.Find("[data-testid=dataset-fruit-v1]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dataset-cell-0-id]")));

        page.Find("[data-testid=dataset-cell-1-id]").Input("");
        page.Find("[data-testid=dataset-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("row 3, column 'id'", page.Find("[data-testid=dataset-editor-error]").TextContent));
        Assert.Equal(1, (await _data.Datasets.ListAsync()).Single().Dataset.LatestVersion);
    }
}
