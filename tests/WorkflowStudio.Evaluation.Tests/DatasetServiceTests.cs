using System.Text;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Evaluation.Datasets;

namespace WorkflowStudio.Evaluation.Tests;

public sealed class DatasetServiceTests : IAsyncLifetime
{
    private readonly Harness _h = Harness.Services(new ScriptedModelGateway());

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_imported_file_becomes_a_version_and_exports_back_to_the_same_cases()
    {
        var service = _h.GetService<DatasetService>();
        var csv = "id,question,expected,tags\nc1,\"Two\nlines\",yes,smoke\nc2,naïve?,no,\n";
        var version = await service.ImportAsync("faq", "FAQ", new MemoryStream(Encoding.UTF8.GetBytes(csv)), DatasetFormat.Csv, "ada");
        Assert.Equal((1, 2), (version.Number, version.CaseCount));

        var jsonl = new StringWriter();
        await service.ExportAsync("faq", 1, jsonl, DatasetFormat.Jsonl);
        var again = await service.ImportAsync("faq", "FAQ", new MemoryStream(Encoding.UTF8.GetBytes(jsonl.ToString())), DatasetFormat.Jsonl, "ada");
        Assert.Equal(2, again.Number);

        var first = await _h.GetService<IDatasetStore>().ReadCasesAsync("faq", 1).Select(c => c.Case).ToListAsync();
        var second = await _h.GetService<IDatasetStore>().ReadCasesAsync("faq", 2).Select(c => c.Case).ToListAsync();
        Assert.Equal(first.Select(c => (c.Id, c.Inputs["question"], c.Expected[""], string.Join(',', c.Tags))),
                     second.Select(c => (c.Id, c.Inputs["question"], c.Expected[""], string.Join(',', c.Tags))));
        Assert.Equal("Two\nlines", second[0].Inputs["question"]);
    }

    [Fact]
    public async Task A_bad_row_stores_nothing()
    {
        var service = _h.GetService<DatasetService>();
        var csv = "question,expected\nfine,yes\nbroken,yes,extra\n";
        var error = await Assert.ThrowsAsync<DatasetFileException>(() =>
            service.ImportAsync("faq", "FAQ", new MemoryStream(Encoding.UTF8.GetBytes(csv)), DatasetFormat.Csv, "ada"));
        Assert.Equal(3, error.Row);
        Assert.Empty(await _h.GetService<IDatasetStore>().ListAsync());
    }
}
