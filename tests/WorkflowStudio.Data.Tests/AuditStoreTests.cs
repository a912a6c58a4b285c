using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Audit;

namespace WorkflowStudio.Data.Tests;

public sealed class AuditStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private IAuditStore Audit => _db.Services.GetRequiredService<IAuditStore>();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task Entries_are_read_newest_first_a_page_at_a_time_and_survive_a_restart()
    {
        for (var i = 1; i <= 5; i++) await Audit.AppendAsync(new NewAuditEntry("ada", "workflow.saved", $"flow-{i}"));
        await _db.RestartAsync();

        var first = await Audit.ListAsync(3);
        var next = await Audit.ListAsync(3, before: first[^1].Id);

        Assert.Equal(["flow-5", "flow-4", "flow-3"], first.Select(e => e.Target));
        Assert.Equal(["flow-2", "flow-1"], next.Select(e => e.Target));
        Assert.All(first, e => Assert.Equal("ada", e.Actor));
    }

    [Fact]
    public async Task Texts_longer_than_the_log_keeps_are_cut_with_a_marker_never_refused()
    {
        var entry = await Audit.AppendAsync(new NewAuditEntry(new string('m', 100_000), "signin.failed", new string('t', 100_000), new string('d', 100_000)));

        Assert.Equal(AuditStore.ActorLength, entry.Actor.Length);
        Assert.EndsWith("…", entry.Target);
        Assert.Equal(AuditStore.DetailLength, (await Audit.ListAsync(1))[0].Detail!.Length);
    }
}
