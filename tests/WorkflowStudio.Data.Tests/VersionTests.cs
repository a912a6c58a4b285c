using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Data.Tests;

public sealed class VersionTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task A_save_stores_definition_code_message_author_and_parent()
    {
        var first = await Samples.SaveNewAsync(_db.Workflows, code: "// v1");
        var changed = first.Definition with { Description = "Now with a description" };
        var second = (await _db.Workflows.SaveAsync(new SaveRequest(changed, "describe it", "grace", BasedOn: 1, Code: "// v2"))).Version;

        var loaded = await _db.Workflows.GetVersionAsync("seo-article", 2);
        Assert.Equal(changed, loaded!.Definition);
        Assert.Equal("// v2", loaded.Code);
        Assert.Equal("describe it", loaded.Summary.Message);
        Assert.Equal("grace", loaded.Summary.Author);
        Assert.Equal(1, loaded.Summary.ParentNumber);
        Assert.Equal(2, second.Number);
        Assert.Equal(first.Definition, (await _db.Workflows.GetVersionAsync("seo-article", 1))!.Definition);
        var summary = await _db.Workflows.GetAsync("seo-article");
        Assert.Equal((2, "Now with a description", "grace"), (summary!.LatestVersion, summary.Description, summary.UpdatedBy));
    }

    [Fact]
    public async Task Updating_a_version_through_the_context_is_refused()
    {
        await Samples.SaveNewAsync(_db.Workflows);
        await using var context = await _db.Database.OpenAsync(CancellationToken.None);
        var row = await context.Versions.SingleAsync();
        row.Message = "rewritten history";

        await Assert.ThrowsAsync<VersionImmutableException>(() => context.SaveChangesAsync());
        Assert.Equal("first", (await _db.Workflows.GetVersionAsync("seo-article", 1))!.Summary.Message);
    }

    [Fact]
    public async Task Updating_a_version_with_raw_sql_is_refused_by_the_database()
    {
        await Samples.SaveNewAsync(_db.Workflows);
        await using var context = await _db.Database.OpenAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            context.Database.ExecuteSqlRawAsync("UPDATE Versions SET Message = 'rewritten history'"));
        Assert.Contains("immutable", error.Message);
        Assert.Equal("first", (await _db.Workflows.GetVersionAsync("seo-article", 1))!.Summary.Message);
    }

    [Fact]
    public async Task Restore_saves_the_old_definition_as_a_new_version_and_keeps_history()
    {
        var first = await Samples.SaveNewAsync(_db.Workflows, code: "// v1");
        var edited = first.Definition with { Nodes = first.Definition.Nodes.RemoveAll(n => n.Id == "editor") };
        await _db.Workflows.SaveAsync(new SaveRequest(edited, "drop the editor", "ada", BasedOn: 1, Code: "// v2"));

        var restored = await _db.Workflows.RestoreAsync("seo-article", 1, "grace");

        Assert.Equal(3, restored.Number);
        Assert.Equal(first.Definition, restored.Definition);
        Assert.Equal("// v1", restored.Code);
        Assert.Equal((2, 1), (restored.Summary.ParentNumber, restored.Summary.RestoredFrom));
        Assert.Equal(edited, (await _db.Workflows.GetVersionAsync("seo-article", 2))!.Definition);
        Assert.Equal([3, 2, 1], (await _db.Workflows.ListVersionsAsync("seo-article")).Select(v => v.Number));
    }

    [Fact]
    public async Task Concurrent_saves_from_the_same_parent_are_all_kept()
    {
        var first = await Samples.SaveNewAsync(_db.Workflows);
        const int savers = 8;
        using var gate = new SemaphoreSlim(0);
        var saves = Enumerable.Range(0, savers).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            var mine = first.Definition with { Description = $"edit {i}" };
            return await _db.Workflows.SaveAsync(new SaveRequest(mine, $"edit {i}", $"author{i}", BasedOn: 1));
        })).ToList();
        gate.Release(savers);
        var results = await Task.WhenAll(saves);

        Assert.Equal(Enumerable.Range(2, savers), results.Select(r => r.Version.Number).Order());
        Assert.All(results, r => Assert.Equal(1, r.Version.Summary.ParentNumber));
        Assert.Equal(Enumerable.Range(2, savers - 1), results.Single(r => r.Version.Number == savers + 1).SavedMeanwhile);
        Assert.Empty(results.Single(r => r.Version.Number == 2).SavedMeanwhile);
        var descriptions = new HashSet<string>();
        foreach (var number in Enumerable.Range(2, savers))
            descriptions.Add((await _db.Workflows.GetVersionAsync("seo-article", number))!.Definition.Description!);
        Assert.Equal(Enumerable.Range(0, savers).Select(i => $"edit {i}").ToHashSet(), descriptions);
    }

    [Fact]
    public async Task Saving_a_new_workflow_over_an_existing_id_or_on_a_missing_parent_is_refused()
    {
        await Samples.SaveNewAsync(_db.Workflows);

        var taken = await Assert.ThrowsAsync<StoreException>(() => Samples.SaveNewAsync(_db.Workflows));
        Assert.Contains("already exists", taken.Message);
        var missing = await Assert.ThrowsAsync<StoreException>(() =>
            _db.Workflows.SaveAsync(new SaveRequest(Samples.Article(), "x", "ada", BasedOn: 7)));
        Assert.Contains("no version 7", missing.Message);
        var anonymous = await Assert.ThrowsAsync<StoreException>(() =>
            _db.Workflows.SaveAsync(new SaveRequest(Samples.Article(), "x", " ", BasedOn: 1)));
        Assert.Contains("author", anonymous.Message);
    }

    [Fact]
    public async Task Delete_removes_the_workflow_with_its_versions_tags_and_runs()
    {
        await Samples.SaveNewAsync(_db.Workflows);
        await _db.Workflows.SetTagAsync("seo-article", ReleaseTags.Production, 1, "ada");
        await _db.Runs.CreateRunAsync(Samples.Run("r1"));

        Assert.True(await _db.Workflows.DeleteAsync("seo-article"));

        Assert.Null(await _db.Workflows.GetAsync("seo-article"));
        Assert.Empty(await _db.Workflows.ListVersionsAsync("seo-article"));
        Assert.Null(await _db.Runs.GetRunAsync("r1"));
        Assert.False(await _db.Workflows.DeleteAsync("seo-article"));
    }

    [Fact]
    public async Task Tags_point_at_versions_move_and_keep_their_history()
    {
        var first = await Samples.SaveNewAsync(_db.Workflows);
        await _db.Workflows.SaveAsync(new SaveRequest(first.Definition with { Description = "v2" }, "v2", "ada", BasedOn: 1));

        await _db.Workflows.SetTagAsync("seo-article", ReleaseTags.Staging, 1, "ada");
        await _db.Workflows.SetTagAsync("seo-article", ReleaseTags.Production, 1, "ada");
        await _db.Workflows.SetTagAsync("seo-article", ReleaseTags.Staging, 2, "grace");
        await _db.Workflows.SetTagAsync("seo-article", "canary-eu", 2, "grace");

        var tags = await _db.Workflows.ListTagsAsync("seo-article");
        Assert.Equal([("canary-eu", 2), ("production", 1), ("staging", 2)], tags.Select(t => (t.Name, t.VersionNumber)));
        Assert.Equal("v2", (await _db.Workflows.GetTaggedVersionAsync("seo-article", ReleaseTags.Staging))!.Definition.Description);
        var history = await _db.Workflows.GetTagHistoryAsync("seo-article", ReleaseTags.Staging);
        Assert.Equal([(1, 2, "grace"), ((int?)null, 1, "ada")], history.Select(m => (m.FromVersion, m.ToVersion, m.MovedBy)));
        Assert.Equal(4, (await _db.Workflows.GetTagHistoryAsync("seo-article")).Count);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading")]
    public async Task Bad_tag_names_are_refused_with_a_reason(string tag)
    {
        await Samples.SaveNewAsync(_db.Workflows);

        var error = await Assert.ThrowsAsync<StoreException>(() => _db.Workflows.SetTagAsync("seo-article", tag, 1, "ada"));
        Assert.Contains("not a tag name", error.Message);
    }

    [Fact]
    public async Task Tagging_a_missing_version_is_refused()
    {
        await Samples.SaveNewAsync(_db.Workflows);

        var error = await Assert.ThrowsAsync<StoreException>(() => _db.Workflows.SetTagAsync("seo-article", "staging", 9, "ada"));
        Assert.Contains("no version 9", error.Message);
        Assert.Empty(await _db.Workflows.ListTagsAsync("seo-article"));
    }
}
