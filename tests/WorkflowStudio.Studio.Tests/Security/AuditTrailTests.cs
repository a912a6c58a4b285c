using WorkflowStudio.Data;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Studio.Tests.Security;

/// <summary>The services that change things record who did what, whichever face called them; only owners read the log.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly StudioHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Saves_restores_tag_moves_deletes_and_api_keys_are_recorded_with_their_user()
    {
        var library = _host.Get<WorkflowLibrary>();
        var versions = _host.Get<WorkflowVersions>();
        var keys = _host.Get<ApiKeys>();
        var workflow = TestWorkflows.Article();
        await library.SaveAsync(workflow, author: "ada");
        await library.SaveAsync(workflow with { Description = "second" }, 1, author: "ada");
        await versions.RestoreAsync(workflow.Id, 1, "bob");
        await versions.SetTagAsync(workflow.Id, "production", 2, "cy");
        var key = await keys.CreateAsync("ci", ApiKeyScopes.Run, [workflow.Id], "dee");
        await keys.RevokeAsync(key.Key.Id, revokedBy: "dee");
        await library.DeleteAsync(workflow.Id, author: "eve");

        var log = (await _host.Get<AuditTrail>().ListAsync(StudioRole.Owner)).Reverse().Select(e => (e.Actor, e.Action, e.Target)).ToList();

        Assert.Equal(
        [
            ("ada", AuditActions.WorkflowSaved, $"{workflow.Id} v1"),
            ("ada", AuditActions.WorkflowSaved, $"{workflow.Id} v2"),
            ("bob", AuditActions.VersionRestored, $"{workflow.Id} v1"),
            ("cy", AuditActions.TagMoved, $"{workflow.Id}:production"),
            ("dee", AuditActions.ApiKeyCreated, "ci"),
            ("dee", AuditActions.ApiKeyRevoked, key.Key.Id),
            ("eve", AuditActions.WorkflowDeleted, workflow.Id),
        ], log);
    }

    [Theory]
    [InlineData(StudioRole.Editor)]
    [InlineData(StudioRole.PromptEditor)]
    [InlineData(StudioRole.Viewer)]
    public async Task Only_owners_read_the_log(StudioRole role)
    {
        var refused = await Assert.ThrowsAsync<StoreException>(() => _host.Get<AuditTrail>().ListAsync(role));
        Assert.Equal(StoreErrorKind.Forbidden, refused.Kind);
    }
}
