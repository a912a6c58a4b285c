using Microsoft.Extensions.Logging.Abstractions;
using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Web.Hosting;
using WorkflowStudio.Web.Tests.Designer;
using WorkflowStudio.Web.Workflows;

namespace WorkflowStudio.Web.Tests.Workflows;

/// <summary>The SQLite-backed workflow store and the list's operations on it, on a real temporary database.</summary>
public sealed class WorkflowStoreTests : IDisposable
{
    private readonly TempStudioData _db = new();
    private readonly string _data;
    private readonly string _templates;

    public WorkflowStoreTests()
    {
        _data = _db.Folder;
        _templates = Path.Combine(_data, "templates");
        Directory.CreateDirectory(_templates);
        File.WriteAllText(Path.Combine(_templates, "loop.json"), WorkflowJson.Serialize(SampleWorkflows.Loop()));
        File.WriteAllText(Path.Combine(_templates, "broken.json"), "{ not json");
    }

    private WorkflowLibrary NewRepository() => _db.Library;

    [Fact]
    public async Task Saved_workflows_survive_a_restart_exactly()
    {
        var workflow = SampleWorkflows.Chain();
        await NewRepository().SaveAsync(workflow);

        _db.Restart();
        var reopened = NewRepository();

        Assert.Equal(workflow, await reopened.GetAsync("chain"));
        var summary = Assert.Single(await reopened.ListAsync());
        Assert.Equal(("chain", "Chain", 4), (summary.Id, summary.Name, summary.StepCount));
    }

    [Fact]
    public async Task Deleting_removes_the_workflow_and_an_unsafe_id_is_refused()
    {
        var repository = NewRepository();
        await repository.SaveAsync(SampleWorkflows.Chain());

        Assert.True(await repository.DeleteAsync("chain"));
        Assert.False(await repository.DeleteAsync("chain"));
        Assert.Empty(await NewRepository().ListAsync());
        await Assert.ThrowsAsync<WorkflowStudio.Data.StoreException>(() => repository.SaveAsync(SampleWorkflows.Chain() with { Id = "../escape" }));
    }

    [Fact]
    public async Task Creating_from_a_template_copies_it_under_a_fresh_id_with_a_layout()
    {
        var templates = new WorkflowTemplates(new StudioPaths(_data, _data, _templates), NullLogger<WorkflowTemplates>.Instance);
        var library = NewRepository();

        var template = Assert.Single(templates.All);
        var first = await library.CreateAsync(new NewWorkflowRequest("My loop", template));
        var second = await library.CreateAsync(new NewWorkflowRequest("My loop", template));
        var blank = await library.CreateAsync(new NewWorkflowRequest("Empty", null));

        Assert.Equal(("my-loop", "my-loop-2"), (first.Id, second.Id));
        Assert.Equal(template.Workflow.Nodes, first.Nodes);
        Assert.Equal(first.Nodes.Count, first.Layout.Count);
        Assert.Empty(blank.Nodes);
    }

    [Fact]
    public async Task Import_reads_JSON_and_CSharp_and_never_overwrites()
    {
        var repository = NewRepository();
        var library = repository;
        await repository.SaveAsync(SampleWorkflows.Chain());

        var (fromJson, jsonError) = await library.ImportAsync("chain.json", WorkflowJson.Serialize(SampleWorkflows.Chain()), ImportMode.Copy);
        var (fromCode, codeError) = await library.ImportAsync("Loop.cs", CSharpCodeGenerator.Generate(SampleWorkflows.Loop()));

        Assert.Null(jsonError);
        Assert.Equal("chain-2", fromJson!.Id);
        Assert.Null(codeError);
        Assert.Equal("loop", fromCode!.Id);
        Assert.Equal(SampleWorkflows.Loop().Nodes, fromCode.Nodes);
        Assert.Equal(3, (await repository.ListAsync()).Count);
    }

    [Fact]
    public async Task Importing_something_that_is_not_a_workflow_says_where()
    {
        var library = NewRepository();

        var (_, jsonError) = await library.ImportAsync("x.json", "{ \"schema\": 1, \"id\": 5 }");
        var (_, codeError) = await library.ImportAsync("x.cs", "public static class X { public static Workflow Build() => Console.ReadLine(); }");

        Assert.Contains("Line 1", jsonError);
        Assert.StartsWith("Line 1, column", codeError);
        Assert.Empty(await NewRepository().ListAsync());
    }

    [Fact]
    public async Task Duplicate_and_rename_keep_the_definition()
    {
        var repository = NewRepository();
        var library = repository;
        await repository.SaveAsync(SampleWorkflows.Chain());

        var copy = await library.DuplicateAsync("chain");
        var renamed = await library.RenameAsync("chain", "Renamed");

        Assert.Equal(("chain-copy", "Chain (copy)"), (copy!.Definition.Id, copy.Definition.Name));
        Assert.Equal(SampleWorkflows.Chain().Nodes, copy.Definition.Nodes);
        Assert.Equal("Renamed", (await repository.GetAsync("chain"))!.Name);
        Assert.Equal("chain", renamed!.Definition.Id);
        Assert.Null(await library.DuplicateAsync("missing"));
    }

    public void Dispose() => _db.Dispose();
}
