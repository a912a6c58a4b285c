using Microsoft.Extensions.Configuration;
using WorkflowStudio.Web.Tests.Designer;
using WorkflowStudio.Web.Workflows;

namespace WorkflowStudio.Web.Tests.VersionsView;

/// <summary>Designer saves land in the versions store as immutable versions, on a real SQLite file.</summary>
public sealed class WorkflowLibraryTests : IDisposable
{
    private readonly TempStudioData _db = new();

    [Fact]
    public async Task Each_changed_save_is_a_new_version_with_its_code_and_an_unchanged_save_adds_none()
    {
        var repository = _db.Library;
        var first = SampleWorkflows.Chain();
        await repository.SaveAsync(first);
        await repository.SaveAsync(first);
        await repository.SaveAsync(first with { Description = "second" });

        var versions = await _db.Store.ListVersionsAsync("chain");
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal(["Saved", "Created"], versions.Select(v => v.Message));
        Assert.All(versions, v => Assert.Equal("studio", v.Author));
        Assert.Equal(1, versions[0].ParentNumber);
        var latest = await _db.Store.GetLatestVersionAsync("chain");
        Assert.Contains("\"chain\"", latest!.Code);
        Assert.Equal("second", (await repository.GetAsync("chain"))!.Description);
    }

    [Fact]
    public async Task The_author_comes_from_configuration()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new StudioOptions { Author = "ada" });
        await new WorkflowLibrary(_db.Store, options, _db.Audit).SaveAsync(SampleWorkflows.Chain());

        Assert.Equal("ada", Assert.Single(await _db.Store.ListVersionsAsync("chain")).Author);
    }

    public void Dispose() => _db.Dispose();
}
