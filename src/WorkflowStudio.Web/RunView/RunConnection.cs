using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using WorkflowStudio.Web.Runs;

namespace WorkflowStudio.Web.RunView;

/// <summary>
/// The designer's connection to the studio's own run hub, one per circuit, opened on first use. The designer is a hub
/// client like any other (the same <see cref="RunHubClient"/> the CLI uses), so what it shows is what every client sees.
/// </summary>
public sealed class RunConnection(NavigationManager navigation) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RunHubClient? _client;

    public async Task<StartedRun> StartAsync(StartRunRequest request, CancellationToken ct = default) =>
        await (await ConnectAsync(ct)).StartRunAsync(request, ct);

    public async Task<bool> CancelAsync(string runId, CancellationToken ct = default) =>
        await (await ConnectAsync(ct)).CancelAsync(runId, ct);

    /// <summary>Feeds <paramref name="trace"/> the run's events after those it holds, until the run ends or cannot be followed.</summary>
    public async Task FollowAsync(RunTrace trace, CancellationToken ct)
    {
        try
        {
            var client = await ConnectAsync(ct);
            await foreach (var e in client.FollowAsync(trace.RunId, trace.LastSequence, ct)) trace.Apply(e);
            if (!trace.IsFinished) trace.End("The run stopped without finishing; the studio may have restarted while it ran.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The viewer moved on; the run itself carries on.
        }
        catch (Exception e) when (e is HubException or HttpRequestException or InvalidOperationException)
        {
            trace.End($"The run could not be followed: {e.Message}");
        }
    }

    private async Task<RunHubClient> ConnectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_client is null)
            {
                var client = new RunHubClient(navigation.ToAbsoluteUri(RunHub.Path.TrimStart('/')));
                await client.ConnectAsync(ct);
                _client = client;
            }
            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        _gate.Dispose();
    }
}
