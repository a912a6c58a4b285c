using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Core.Validation;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Web.Tests.Runs;

/// <summary>
/// The same operation through the application layer (what the pages call) and through the HTTP API stores the same
/// version: the same definition and the C# generated from it, never code left over from an earlier version.
/// </summary>
public sealed class EveryDoorTests : IAsyncLifetime
{
    private RunServer _server = null!;
    private HttpClient _http = null!;

    private WorkflowLibrary Library => _server.Services.GetRequiredService<WorkflowLibrary>();
    private WorkflowVersions Versions => _server.Services.GetRequiredService<WorkflowVersions>();
    private IWorkflowStore Store => _server.Services.GetRequiredService<IWorkflowStore>();

    public async Task InitializeAsync()
    {
        _server = await RunServer.StartAsync();
        _http = _server.Http();
        // Twins: "ui" is changed through the library, "api" through HTTP.
        await Library.SaveAsync(RunServer.Story with { Id = "ui" });
        await Library.SaveAsync(RunServer.Story with { Id = "api" });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Rename_stores_the_same_version_through_either_door()
    {
        await Library.RenameAsync("ui", "Sea stories");
        (await _http.PostAsJsonAsync("/api/workflows/api/rename", new { name = "Sea stories" })).EnsureSuccessStatusCode();

        await AssertTwinsAsync(2, "Renamed to 'Sea stories'");
        Assert.Contains("\"Sea stories\"", (await Store.GetVersionAsync("api", 2))!.Code);
    }

    [Fact]
    public async Task Duplicate_stores_code_that_names_the_copy_through_either_door()
    {
        await Library.DuplicateAsync("ui", "ui-copy", "Copy");
        (await _http.PostAsJsonAsync("/api/workflows/api/duplicate", new { newId = "api-copy", newName = "Copy" })).EnsureSuccessStatusCode();

        var ui = (await Store.GetLatestVersionAsync("ui-copy"))!;
        var api = (await Store.GetLatestVersionAsync("api-copy"))!;
        Assert.NotNull(api.Code);
        Assert.Contains("\"api-copy\"", api.Code);
        Assert.Equal(ui.Definition with { Id = "api-copy" }, api.Definition);
        AssertCodeIsGenerated(ui);
        AssertCodeIsGenerated(api);
    }

    [Fact]
    public async Task Save_restore_and_tag_store_the_same_versions_through_either_door()
    {
        var edited = RunServer.Story with { Description = "With a calmer final pass" };
        await Library.SaveAsync(edited with { Id = "ui" }, basedOn: 1, message: "calmer");
        var body = new { definition = JsonNode.Parse(WorkflowJson.Serialize(edited with { Id = "api" })), message = "calmer", basedOn = 1 };
        (await _http.PostAsJsonAsync("/api/workflows/api/versions", body)).EnsureSuccessStatusCode();
        await AssertTwinsAsync(2, "calmer");

        await Versions.RestoreAsync("ui", 1);
        (await _http.PostAsJsonAsync("/api/workflows/api/versions/1/restore", new { })).EnsureSuccessStatusCode();
        await AssertTwinsAsync(3, "Restored version 1");

        var tag = await Versions.SetTagAsync("ui", "production", 3, RunServer.UserName);
        (await _http.PutAsJsonAsync("/api/workflows/api/tags/production", new { version = 3 })).EnsureSuccessStatusCode();
        var apiTag = Assert.Single(await Versions.ListTagsAsync("api"));
        Assert.Equal((tag.VersionNumber, tag.MovedBy), (apiTag.VersionNumber, apiTag.MovedBy));
    }

    [Fact]
    public async Task Code_sent_by_an_api_caller_is_ignored_for_the_code_generated_from_the_definition()
    {
        var body = new { definition = JsonNode.Parse(WorkflowJson.Serialize(RunServer.Story with { Id = "api", Description = "x" })), basedOn = 1, code = "class Evil {}" };
        (await _http.PostAsJsonAsync("/api/workflows/api/versions", body)).EnsureSuccessStatusCode();

        Assert.DoesNotContain("Evil", (await Store.GetVersionAsync("api", 2))!.Code);
    }

    private async Task AssertTwinsAsync(int number, string message)
    {
        var ui = (await Store.GetVersionAsync("ui", number))!;
        var api = (await Store.GetVersionAsync("api", number))!;
        Assert.Equal((message, message), (ui.Summary.Message, api.Summary.Message));
        Assert.Equal(ui.Definition with { Id = "api" }, api.Definition);
        AssertCodeIsGenerated(ui);
        AssertCodeIsGenerated(api);
    }

    // The C# of a version is the one generated from that version's own definition (class and id named after it).
    private static void AssertCodeIsGenerated(WorkflowVersion version) =>
        Assert.Equal(CSharpCodeGenerator.Generate(version.Definition), version.Code);
}

/// <summary>"Studio:Limits" as the app reads it reaches the validator and every run.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task MaxInputChars_refuses_a_run_whose_inputs_are_too_long()
    {
        await using var server = await RunServer.StartAsync(new Dictionary<string, string?> { ["Studio:Limits:MaxInputChars"] = "5" });
        var feed = server.Feed;

        var run = await feed.StartAsync(new RunRequest(RunServer.WorkflowId, new Dictionary<string, string> { ["topic"] = "a lighthouse" }), "tester");
        var events = new List<RunEvent>();
        await foreach (var e in feed.FollowAsync(run.RunId, 0)) events.Add(e);

        var failed = Assert.IsType<RunFailed>(events[^1]);
        Assert.Equal("invalid_input", failed.Code);
        Assert.Contains("at most 5", failed.Message);
    }

    [Fact]
    public async Task MaxNodes_is_a_validation_problem_in_the_designer_and_fails_a_run()
    {
        await using var server = await RunServer.StartAsync(new Dictionary<string, string?> { ["Studio:Limits:MaxNodes"] = "3" });

        var problems = server.Services.GetRequiredService<WorkflowValidator>().Validate(RunServer.Story);
        Assert.Contains(problems, p => p.Code == "too_many_nodes" && p.Message.Contains("most allowed is 3", StringComparison.Ordinal));

        var run = await server.Feed.StartAsync(new RunRequest(RunServer.WorkflowId, new Dictionary<string, string> { ["topic"] = "sea" }), "tester");
        var events = new List<RunEvent>();
        await foreach (var e in server.Feed.FollowAsync(run.RunId, 0)) events.Add(e);
        Assert.Contains("most allowed is 3", Assert.IsType<RunFailed>(events[^1]).Message);
    }
}
