using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Web.Tests.Runs;

public static class StudioProcessHub
{
    /// <summary>A plain SignalR connection to the studio's run hub, as another app would open it, signed in as the owner.</summary>
    public static async Task<HubConnection> ConnectAsync(this StudioProcess studio)
    {
        var cookies = await studio.SignInAsync();
        var connection = new HubConnectionBuilder().WithUrl(studio.Address + RunHubContract.Path, o => o.Cookies = cookies).Build();
        await connection.StartAsync();
        return connection;
    }
}
