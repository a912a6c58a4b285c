using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Data.Tests;

public sealed class DatasetStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private IDatasetStore Store => _db.Services.GetRequiredService<IDatasetStore>();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static DatasetCase Case(int i) => new($"c{i}",
        new Dictionary<string, string> { ["question"] = $"Question {i} — naïve café?" },
        new Dictionary<string, string> { ["answer"] = $"answer-{i}" })
    {
        StepExpected = new Dictionary<string, string> { ["classify"] = "billing" },
        Tags = ["smoke", "unicode"],
        Split = "test",
        Note = "line one\nline two",
    };

    [Fact]
    public async Task Each_save_is_a_new_version_and_reads_back_every_case_in_order()
    {
        var first = await Store.SaveVersionAsync("qa", "Q&A", Enumerable.Range(0, 2_500).Select(Case), "import", "ada");
        var second = await Store.SaveVersionAsync("qa", "Q&A", [Case(7)], "just one", "ada");

        Assert.Equal((1, 2_500), (first.Number, first.CaseCount));
        Assert.Equal((2, 1), (second.Number, second.CaseCount));
        var cases = await Store.ReadCasesAsync("qa", 1).ToListAsync();
        Assert.Equal(2_500, cases.Count);
        Assert.Equal(Enumerable.Range(0, 2_500), cases.Select(c => c.Ordinal));
        var sample = cases[42].Case;
        Assert.Equal(Case(42).Inputs, sample.Inputs);
        Assert.Equal(Case(42).Expected, sample.Expected);
        Assert.Equal(Case(42).StepExpected, sample.StepExpected);
        Assert.Equal(["smoke", "unicode"], sample.Tags);
        Assert.Equal(("test", "line one\nline two"), (sample.Split, sample.Note));
        Assert.Equal([2, 1], (await Store.ListVersionsAsync("qa")).Select(v => v.Number));
    }

    [Fact]
    public async Task Duplicate_case_ids_are_refused_and_leave_no_version_behind()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => Store.SaveVersionAsync("qa", "Q&A", [Case(1), Case(2), Case(1)], "dup", "ada"));
        Assert.Contains("Case 3", error.Message);
        Assert.Contains("'c1'", error.Message);
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Stored_cases_cannot_be_changed_even_around_the_store()
    {
        await Store.SaveVersionAsync("qa", "Q&A", [Case(1)], "one", "ada");
        await using var context = await _db.Database.OpenAsync(default);
        var error = await Assert.ThrowsAsync<SqliteException>(() => context.Database.ExecuteSqlRawAsync("""UPDATE "DatasetCases" SET "CaseId" = 'x'"""));
        Assert.Contains("immutable", error.Message);
        error = await Assert.ThrowsAsync<SqliteException>(() => context.Database.ExecuteSqlRawAsync("""UPDATE "DatasetVersions" SET "Message" = 'x'"""));
        Assert.Contains("immutable", error.Message);
    }

    [Fact]
    public async Task The_migrations_match_the_model()
    {
        // A DbSet or column added without its migration would leave the database behind the code.
        await using var context = await _db.Database.OpenAsync(default);
        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Contains("20261202015550_Evaluation", await context.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Reading_a_missing_version_says_which()
    {
        var error = await Assert.ThrowsAsync<StoreException>(async () => await Store.ReadCasesAsync("nope", 3).ToListAsync());
        Assert.Equal(StoreErrorKind.NotFound, error.Kind);
        Assert.Contains("'nope' has no version 3", error.Message);
    }
}
