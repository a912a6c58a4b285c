using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Studio.Tests;

/// <summary>
/// The application layer as <c>AddWorkflowStudio</c> registers it, over a real SQLite file in a temp folder, or over the
/// folder of an earlier host (<paramref name="folder"/>, left in place) to play a restart. <paramref name="configure"/>
/// adds or replaces services after the studio's own.
/// </summary>
internal sealed class StudioHost : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsFolder;

    public StudioHost(IReadOnlyDictionary<string, string?>? settings = null, string? folder = null, Action<IServiceCollection>? configure = null)
    {
        _ownsFolder = folder is null;
        Folder = folder ?? Directory.CreateTempSubdirectory("studio-layer-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = Folder })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, Folder, Folder));
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public IServiceProvider Services => _services;

    /// <summary>Starts the hosted services in order, as a host does.</summary>
    public async Task StartAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>()) await service.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the hosted services in reverse order, as a host does when the studio shuts down.</summary>
    public async Task StopAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>().Reverse()) await service.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        if (_ownsFolder) Directory.Delete(Folder, recursive: true);
    }
}
