using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Web.Runs;

namespace WorkflowStudio.Web.RunView;

/// <summary>
/// The designer's connection to the studio's own run hub: it starts, follows and cancels runs the way any other client
/// does, so what the designer shows is what every client sees. One connection per circuit, opened on first use.
/// </summary>
public sealed class RunHubClient(NavigationManager navigation, ILogger<RunHubClient> log) : IAsyncDisposable
{
    private static readonly TimeSpan RejoinPause = TimeSpan.FromMilliseconds(500);
    private const int RejoinAttempts = 20;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubConnection? _connection;

    public async Task<StartedRun> StartAsync(StartRunRequest request, CancellationToken ct = default)
    {
        var connection = await ConnectAsync(ct);
        return await connection.InvokeAsync<StartedRun>(nameof(RunHub.StartRun), request, ct);
    }

    public async Task<bool> CancelAsync(string runId, CancellationToken ct = default)
    {
        var connection = await ConnectAsync(ct);
        return await connection.InvokeAsync<bool>(nameof(RunHub.Cancel), runId, ct);
    }

    /// <summary>
    /// Feeds <paramref name="trace"/> the run's events until the run ends. A dropped connection is reopened and the run
    /// joined again after the last sequence the trace holds, so nothing is missed or repeated.
    /// </summary>
    public async Task FollowAsync(RunTrace trace, CancellationToken ct)
    {
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                var connection = await ConnectAsync(ct);
                await foreach (var message in connection.StreamAsync<RunEventMessage>(nameof(RunHub.Join), trace.RunId, trace.LastSequence, ct))
                    trace.Apply(message.Event);
                if (!trace.IsFinished) trace.End("The run stopped without finishing; the studio may have restarted while it ran.");
                return;
            }
            catch (HubException e)
            {
                trace.End(e.Message);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or OperationCanceledException)
            {
                if (attempt == RejoinAttempts)
                {
                    trace.End($"Lost the connection to the studio's run hub: {e.Message}");
                    return;
                }
                log.LogInformation("Lost run {RunId} at sequence {Sequence} ({Reason}); joining again", trace.RunId, trace.LastSequence, e.Message);
                await Task.Delay(RejoinPause, ct);
            }
        }
    }

    private async Task<HubConnection> ConnectAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _connection ??= new HubConnectionBuilder()
                .WithUrl(navigation.ToAbsoluteUri(RunHub.Path.TrimStart('/')))
                .WithAutomaticReconnect()
                .Build();
            if (_connection.State == HubConnectionState.Disconnected) await _connection.StartAsync(ct);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
