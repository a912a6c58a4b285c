using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

[Collection(StudioCollection.Name)]
public sealed class DesignerImportTests(StudioFixture studio)
{
    public static TheoryData<string> Templates => ["seo-article", "rag-qa", "support-triage"];

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Importing_a_templates_CSharp_file_shows_its_steps(string template)
    {
        var workflow = WorkflowJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "templates", template + ".json")));
        var file = Path.Combine(Directory.CreateTempSubdirectory("studio-import-").FullName, $"{CSharpCodeGenerator.ClassName(workflow.Id)}.cs");
        await File.WriteAllTextAsync(file, CSharpCodeGenerator.Generate(workflow with { Id = $"{template}-from-code" }));

        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.ByTestId($"workflow-open-{template}-from-code").ClickAsync();

        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", workflow.Nodes.Count.ToString());
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-edge-count", workflow.Edges.Count.ToString());
        foreach (var node in workflow.Nodes)
            await Expect(page.Node(node.Id)).ToHaveAttributeAsync("data-kind", node.Kind);
    }

    [Fact]
    public async Task Importing_a_file_that_is_not_a_workflow_says_why()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("studio-import-").FullName, "notes.json");
        await File.WriteAllTextAsync(file, "{ \"schema\": 1, \"id\": \"x\", \"name\": \"x\", \"nodes\": [ { \"kind\": \"teleport\", \"id\": \"a\" } ] }");

        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("unknown kind 'teleport'");
    }
}
