using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Data.Tests;

/// <summary>A real SQLite file in a fresh temp folder, opened the way the app opens it.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly bool _ownsFolder;
    private ServiceProvider _services;

    public TempDatabase() : this(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ws-data-" + Guid.NewGuid().ToString("N"), "studio.db"), ownsFolder: true) { }

    /// <summary>Opens <paramref name="path"/>; with <paramref name="ownsFolder"/> its folder is deleted on dispose.</summary>
    public TempDatabase(string path, bool ownsFolder)
    {
        Path = path;
        _ownsFolder = ownsFolder;
        _services = Open(path);
    }

    public string Path { get; }
    public IServiceProvider Services => _services;
    public IWorkflowStore Workflows => _services.GetRequiredService<IWorkflowStore>();
    public IRunStore Runs => _services.GetRequiredService<IRunStore>();
    public SqliteRunEventSink Sink => _services.GetRequiredService<SqliteRunEventSink>();
    public StudioDatabase Database => _services.GetRequiredService<StudioDatabase>();

    /// <summary>Closes everything and opens the same file again, as a restarted app would.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _services = Open(Path);
    }

    public static ServiceProvider Open(string path) => new ServiceCollection().AddStudioData(path).BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsFolder) Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
