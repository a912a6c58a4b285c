using WorkflowStudio.Core.Running;
using WorkflowStudio.Testing;
using Xunit.Abstractions;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// The whole hostile API suite against a studio process of its own, so its memory is the studio's alone and not the
/// test host's. The kernel's high-water mark of its resident memory (VmHWM) counts from the process's start, so it
/// covers the start, the knowledge warm-up and every hostile case, and must stay under 500 MB. The studio is started
/// a second time on its database, as people start it every day: the first start imports the sample knowledge folders,
/// which needs the embedding model once.
/// </summary>
public sealed class HostileMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Limit = 500L * 1024 * 1024;
    private StudioProcess _studio = null!;
    private string _data = null!;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("ws-hostile-").FullName;
        var assembly = Path.Combine(AppContext.BaseDirectory, "WorkflowStudio.Web.dll");
        await using (var first = await StudioProcess.StartAsync(assembly, _data)) await WarmedUpAsync(first);
        _studio = await StudioProcess.StartAsync(assembly, _data);
    }

    public async Task DisposeAsync()
    {
        await _studio.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task The_studio_stays_under_500_MB_through_every_hostile_request_and_run()
    {
        var target = new HostileTarget(_studio.Address, await _studio.SignInAsync(), ApiKey: null);
        await target.PrepareAsync();
        await WarmedUpAsync(_studio);
        var idle = Memory();

        // API keys are made on a page, not over HTTP, so the process runs the cases that need none.
        foreach (var hostile in HostileRequests.All.Where(c => !c.NeedsKey)) await HostileRequests.AssertSafeAsync(target, hostile);
        for (var i = 0; i < HostileRequests.HostileRuns.Length; i++)
        {
            var (_, template, inputChars) = HostileRequests.HostileRuns[i];
            Assert.IsType<RunFailed>(await HostileRequests.RunAsync(target, "run-" + i, template, inputChars));
        }

        var after = Memory();
        output.WriteLine($"studio process: idle after warm-up {idle.Rss / 1048576} MB resident (peak {idle.Peak / 1048576} MB); " +
                         $"after {HostileRequests.All.Count(c => !c.NeedsKey)} requests and {HostileRequests.HostileRuns.Length} runs {after.Rss / 1048576} MB (peak {after.Peak / 1048576} MB)");
        Assert.False(_studio.HasExited);
        Assert.True(after.Peak < Limit, $"peak resident memory {after.Peak / 1048576} MB (idle after warm-up {idle.Rss / 1048576} MB)");
    }

    private static async Task WarmedUpAsync(StudioProcess studio)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!studio.Output.Contains("Knowledge warm-up finished")) await Task.Delay(100, patience.Token);
    }

    /// <summary>Resident memory now and its high-water mark since the process started, from /proc (Linux; both in kB there).</summary>
    private (long Rss, long Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_studio.ProcessId}/status");
        long Field(string name) => long.Parse(status.Single(l => l.StartsWith(name + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return (Field("VmRSS"), Field("VmHWM"));
    }
}
