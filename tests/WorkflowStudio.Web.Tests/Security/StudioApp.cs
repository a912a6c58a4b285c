using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// The whole studio as Program.cs builds it, in this process on Kestrel at 127.0.0.1, over a temporary data directory,
/// so a test can read what the running app mapped (its endpoints, its policies) and call it over HTTP.
/// </summary>
public sealed class StudioApp : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("ws-app-").FullName;

    public StudioApp()
    {
        UseKestrel();
        StartServer();
    }

    /// <summary>A client without a session that follows no redirects, so a refusal is seen as the studio sent it.</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Address) };

    /// <summary>Where Kestrel listens (a free port chosen at start).</summary>
    public string Address => Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings given here reach Program as command-line arguments, above the repository's appsettings.json.
        builder.UseEnvironment("Production");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Studio:DataDirectory", _data);
        builder.UseSetting("admin-password", StudioProcess.OwnerPassword);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !Directory.Exists(_data)) return;
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
