using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Web.Workflows;

namespace WorkflowStudio.Web.Tests;

/// <summary>The studio's real SQLite storage in a temp folder, with the designer's repository over it.</summary>
public sealed class TempStudioData : IDisposable
{
    private ServiceProvider _services;

    public TempStudioData(string? folder = null)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory("studio-data-").FullName;
        _services = Open();
    }

    public string Folder { get; }
    public IWorkflowStore Store => _services.GetRequiredService<IWorkflowStore>();
    public IRunStore Runs => _services.GetRequiredService<IRunStore>();
    public SqliteWorkflowRepository Repository => new(Store, new ConfigurationBuilder().Build());

    /// <summary>Closes the database and opens the same file again, as a restarted studio would.</summary>
    public void Restart()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        _services = Open();
    }

    private ServiceProvider Open() => new ServiceCollection().AddStudioData(Path.Combine(Folder, "studio.db")).BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
