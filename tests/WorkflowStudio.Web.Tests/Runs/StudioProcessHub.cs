using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Web.Tests.Runs;

public static class StudioProcessHub
{
    /// <summary>A plain SignalR connection to the studio's run hub, as another app would open it.</summary>
    public static async Task<HubConnection> ConnectAsync(this StudioProcess studio)
    {
        var connection = new HubConnectionBuilder().WithUrl(studio.Address + RunHubContract.Path).Build();
        await connection.StartAsync();
        return connection;
    }
}
