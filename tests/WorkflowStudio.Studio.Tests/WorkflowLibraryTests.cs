using WorkflowStudio.Testing;
using WorkflowStudio.CodeSync;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests;

/// <summary>The one save path: every version carries the C# generated from its own definition, whatever the operation.</summary>
public sealed class WorkflowLibraryTests : IDisposable
{
    private readonly StudioHost _host = new();
    private WorkflowLibrary Library => _host.Get<WorkflowLibrary>();
    private IWorkflowStore Store => _host.Get<IWorkflowStore>();

    [Fact]
    public async Task Rename_stores_code_generated_with_the_new_name()
    {
        await Library.SaveAsync(TestWorkflows.Article());

        var renamed = await Library.RenameAsync("seo-article", "Blog post", "ada");

        Assert.Equal((2, "Blog post", "Renamed to 'Blog post'", "ada"),
            (renamed!.Version, renamed.Definition.Name, renamed.Stored.Summary.Message, renamed.Stored.Summary.Author));
        Assert.Equal(CSharpCodeGenerator.Generate(renamed.Definition), renamed.Stored.Code);
        Assert.Contains("\"Blog post\"", renamed.Stored.Code);
        Assert.Equal("SEO article", (await Store.GetVersionAsync("seo-article", 1))!.Definition.Name);
    }

    [Fact]
    public async Task Duplicate_is_a_new_workflow_whose_code_names_the_copy()
    {
        await Library.SaveAsync(TestWorkflows.Article());

        var copy = await Library.DuplicateAsync("seo-article", "blog-copy", "Blog copy");

        Assert.Equal((1, "blog-copy", "Blog copy"), (copy!.Version, copy.Definition.Id, copy.Definition.Name));
        Assert.Equal(CSharpCodeGenerator.Generate(copy.Definition), copy.Stored.Code);
        Assert.Equal(TestWorkflows.Article().Nodes, copy.Definition.Nodes);
        var taken = await Assert.ThrowsAsync<StoreException>(() => Library.DuplicateAsync("seo-article", "blog-copy", "Again"));
        Assert.Equal(StoreErrorKind.Conflict, taken.Kind);
        Assert.Null(await Library.DuplicateAsync("missing"));
    }

    [Fact]
    public async Task Save_generates_the_code_and_takes_a_message_and_an_author()
    {
        var saved = await Library.SaveAsync(TestWorkflows.Article(), message: "First draft", author: "grace");

        Assert.Equal(("First draft", "grace"), (saved.Stored.Summary.Message, saved.Stored.Summary.Author));
        Assert.Equal(CSharpCodeGenerator.Generate(TestWorkflows.Article()), saved.Stored.Code);
        var unchanged = await Library.SaveAsync(TestWorkflows.Article());
        Assert.Equal(1, unchanged.Version);
    }

    [Fact]
    public async Task Import_of_csharp_stores_its_definition_with_regenerated_code_and_says_where_it_came_from()
    {
        var source = CSharpCodeGenerator.Generate(TestWorkflows.Article("imported")).Replace("\"SEO article\"", "\"Imported article\"", StringComparison.Ordinal);

        var imported = await Library.ImportAsync("Imported.cs", source);

        Assert.Null(imported.Error);
        var stored = (await Store.GetLatestVersionAsync("imported"))!;
        Assert.Equal(("Imported article", "Imported from Imported.cs"), (stored.Definition.Name, stored.Summary.Message));
        Assert.Equal(CSharpCodeGenerator.Generate(stored.Definition), stored.Code);
    }

    [Fact]
    public async Task Importing_a_file_whose_id_is_saved_adds_a_version_of_it_by_default_or_a_copy_when_asked()
    {
        await Library.SaveAsync(TestWorkflows.Article());
        var edited = CSharpCodeGenerator.Generate(TestWorkflows.Article()).Replace("\"SEO article\"", "\"SEO article, edited\"", StringComparison.Ordinal);

        Assert.Equal(("seo-article", "SEO article"), (await Library.FindImportTargetAsync("seo-article.cs", edited)) is { } target ? (target.Id, target.Name) : default);
        Assert.Null(await Library.FindImportTargetAsync("other.cs", edited.Replace("\"seo-article\"", "\"other\"", StringComparison.Ordinal)));

        var asVersion = await Library.ImportAsync("seo-article.cs", edited);
        Assert.Equal(("seo-article", 2), (asVersion.Workflow!.Id, asVersion.Version));
        var head = (await Store.GetLatestVersionAsync("seo-article"))!;
        Assert.Equal(("SEO article, edited", "Imported from seo-article.cs as a new version"), (head.Definition.Name, head.Summary.Message));

        var copy = await Library.ImportAsync("seo-article.cs", edited, ImportMode.Copy);
        Assert.NotEqual("seo-article", copy.Workflow!.Id);
        Assert.Equal(1, copy.Version);
        Assert.Equal(2, (await Store.GetLatestVersionAsync("seo-article"))!.Number);
    }

    [Fact]
    public async Task Restore_and_tag_go_through_the_versions_service_with_the_configured_author()
    {
        await Library.SaveAsync(TestWorkflows.Article());
        await Library.RenameAsync("seo-article", "Renamed");
        var versions = _host.Get<WorkflowVersions>();

        var restored = await versions.RestoreAsync("seo-article", 1);
        var tag = await versions.SetTagAsync("seo-article", "production", restored.Number);

        Assert.Equal((3, "SEO article", "studio"), (restored.Number, restored.Definition.Name, restored.Summary.Author));
        Assert.Equal(("production", 3, "studio"), (tag.Name, tag.VersionNumber, tag.MovedBy));
        var comparison = await versions.CompareAsync("seo-article", 1, 2);
        Assert.True(comparison.TextIsCode);
        Assert.True(comparison.Text.HasChanges);
    }

    public void Dispose() => _host.Dispose();
}
