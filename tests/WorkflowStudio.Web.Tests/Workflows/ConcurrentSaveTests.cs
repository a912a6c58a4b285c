using WorkflowStudio.Data;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Tests.Designer;
using WorkflowStudio.Web.Workflows;

namespace WorkflowStudio.Web.Tests.Workflows;

/// <summary>Two designers editing the same version, on a real SQLite file: both saves are kept and the later one is told.</summary>
public sealed class ConcurrentSaveTests : IDisposable
{
    private readonly TempStudioData _db = new();

    [Fact]
    public async Task A_save_based_on_an_older_version_keeps_both_and_names_the_version_saved_meanwhile()
    {
        var repository = _db.Library;
        await repository.SaveAsync(SampleWorkflows.Chain());
        var tabA = await repository.OpenAsync("chain");
        var tabB = await repository.OpenAsync("chain");
        Assert.Equal(1, tabA!.Version);

        var savedA = await repository.SaveAsync(tabA.Definition with { Description = "from A" }, tabA.Version);
        var savedB = await repository.SaveAsync(tabB!.Definition with { Description = "from B" }, tabB.Version);

        Assert.Equal((2, 0), (savedA.Version, savedA.SavedMeanwhile.Count));
        Assert.Equal(3, savedB.Version);
        var meanwhile = Assert.Single(savedB.SavedMeanwhile);
        Assert.Equal((2, "studio"), (meanwhile.Number, meanwhile.Author));
        Assert.Equal("from A", (await _db.Store.GetVersionAsync("chain", 2))!.Definition.Description);
        var head = await _db.Store.GetVersionAsync("chain", 3);
        Assert.Equal(("from B", 1), (head!.Definition.Description, head.Summary.ParentNumber));
    }

    [Fact]
    public async Task Saves_racing_from_the_same_version_both_become_versions_and_exactly_one_is_told_of_the_other()
    {
        var repository = _db.Library;
        await repository.SaveAsync(SampleWorkflows.Chain());
        var edits = Enumerable.Range(0, 4).Select(i => SampleWorkflows.Chain() with { Description = $"edit {i}" }).ToList();

        var saved = await Task.WhenAll(edits.Select(e => Task.Run(() => repository.SaveAsync(e, basedOn: 1))));

        Assert.Equal([2, 3, 4, 5], saved.Select(s => s.Version).Order());
        // Each save is told of exactly the versions that landed between version 1 and itself.
        Assert.All(saved, s => Assert.Equal(Enumerable.Range(2, s.Version - 2), s.SavedMeanwhile.Select(v => v.Number)));
        var descriptions = new List<string?>();
        foreach (var s in saved) descriptions.Add((await _db.Store.GetVersionAsync("chain", s.Version))!.Definition.Description);
        Assert.Equal(edits.Select(e => e.Description).Order(), descriptions.Order());
    }

    [Fact]
    public async Task Saving_what_the_newest_version_already_holds_adds_nothing_and_reports_nothing()
    {
        var repository = _db.Library;
        var chain = SampleWorkflows.Chain();
        await repository.SaveAsync(chain);
        await repository.SaveAsync(chain with { Description = "same" }, basedOn: 1);

        var again = await repository.SaveAsync(chain with { Description = "same" }, basedOn: 1);

        Assert.Equal((2, 0), (again.Version, again.SavedMeanwhile.Count));
        Assert.Equal(2, (await _db.Store.ListVersionsAsync("chain")).Count);
    }

    [Fact]
    public async Task A_workflow_deleted_while_open_is_saved_afresh_so_the_edit_is_not_lost()
    {
        var repository = _db.Library;
        await repository.SaveAsync(SampleWorkflows.Chain());
        await repository.SaveAsync(SampleWorkflows.Chain() with { Description = "second" });
        await repository.DeleteAsync("chain");

        var saved = await repository.SaveAsync(SampleWorkflows.Chain() with { Description = "kept" }, basedOn: 2);

        Assert.Equal((1, 0), (saved.Version, saved.SavedMeanwhile.Count));
        Assert.Equal("kept", (await repository.GetAsync("chain"))!.Description);
    }

    [Fact]
    public async Task A_base_the_workflow_never_had_is_refused_with_a_reason()
    {
        var repository = _db.Library;
        await repository.SaveAsync(SampleWorkflows.Chain());

        var refused = await Assert.ThrowsAsync<StoreException>(() => repository.SaveAsync(SampleWorkflows.Chain() with { Description = "x" }, basedOn: 7));

        Assert.Contains("no version 7", refused.Message);
    }

    [Fact]
    public async Task The_designer_session_bases_each_save_on_the_version_it_last_saved()
    {
        var repository = _db.Library;
        await repository.SaveAsync(SampleWorkflows.Chain());
        var opened = await repository.OpenAsync("chain");
        var session = new DesignerSession(opened!.Definition, version: opened.Version);

        session.Apply(session.Workflow with { Description = "first edit" });
        var first = await repository.SaveAsync(session.Workflow, session.Version);
        session.MarkSaved(first.Version);
        session.Apply(session.Workflow with { Description = "second edit" });
        var second = await repository.SaveAsync(session.Workflow, session.Version);

        Assert.Equal(2, session.Version);
        Assert.Equal((3, 0), (second.Version, second.SavedMeanwhile.Count));
    }

    [Fact]
    public void Marking_saved_without_a_number_keeps_the_version_the_session_is_based_on()
    {
        var session = new DesignerSession(SampleWorkflows.Chain(), version: 4);
        session.Apply(session.Workflow with { Description = "edited" });

        session.MarkSaved();

        Assert.Equal((4, false), (session.Version, session.IsDirty));
    }

    public void Dispose() => _db.Dispose();
}
