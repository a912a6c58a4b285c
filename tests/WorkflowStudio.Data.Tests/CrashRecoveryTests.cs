using System.Diagnostics;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Tests;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_process_killed_mid_run_leaves_every_stored_event_readable_and_the_run_interrupted()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), "ws-crash-" + Guid.NewGuid().ToString("N"), "studio.db");
        const string runId = "run-killed";
        const long killAfter = 200;

        long lastReported;
        using (var child = StartChild(databasePath, runId))
        {
            lastReported = await ReadUntilStoredAsync(child, killAfter);
            // Process.Kill is SIGKILL on Unix: no finally blocks, no disposal, no final flush.
            child.Kill();
            await child.WaitForExitAsync();
            Assert.NotEqual(3, child.ExitCode);
        }

        await using var restarted = new TempDatabase(databasePath, ownsFolder: true);
        var interrupted = await restarted.Database.MarkInterruptedRunsAsync();

        Assert.Contains(runId, interrupted);
        var run = await restarted.Runs.GetRunAsync(runId);
        Assert.Equal(RunStatus.Interrupted, run!.Status);
        Assert.NotNull(run.EndedAt);

        var events = await restarted.Runs.GetEventsAsync(runId, 0, int.MaxValue);
        Assert.True(events.Count >= lastReported, $"{events.Count} events readable, {lastReported} were reported stored");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("word1 ", Assert.IsType<NodeDelta>(events[0]).Text);
        Assert.Equal(run.LastSequence, events[^1].Sequence);
    }

    private static Process StartChild(string databasePath, string runId)
    {
        var assembly = typeof(CrashRecoveryTests).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", assembly, EventWriterChild.Command, databasePath, runId }) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the event writer process.");
    }

    private static async Task<long> ReadUntilStoredAsync(Process child, long atLeast)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("stored ", StringComparison.Ordinal) && long.Parse(line[7..]) is var stored && stored >= atLeast)
                return stored;
        }
        var error = await child.StandardError.ReadToEndAsync();
        throw new InvalidOperationException($"The event writer stopped before storing {atLeast} events: {error}");
    }
}
