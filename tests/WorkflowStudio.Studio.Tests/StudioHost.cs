using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Studio.Tests;

/// <summary>The application layer as <c>AddWorkflowStudio</c> registers it, over a real SQLite file in a temp folder.</summary>
internal sealed class StudioHost : IDisposable
{
    private readonly ServiceProvider _services;

    public StudioHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Folder = Directory.CreateTempSubdirectory("studio-layer-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = Folder })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        _services = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, Folder, Folder)).BuildServiceProvider();
    }

    public string Folder { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public IServiceProvider Services => _services;

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
