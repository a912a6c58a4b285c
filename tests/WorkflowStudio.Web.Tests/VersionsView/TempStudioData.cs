using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio;
using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Web.Tests;

/// <summary>The studio's real SQLite storage in a temp folder, with the application layer's library over it.</summary>
public sealed class TempStudioData : IDisposable
{
    private ServiceProvider _services;
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="clock">The clock every part of the studio reads, when a test needs to see the pauses it asks for.</param>
    /// <param name="settings">"Studio:..." settings beyond the data directory, as appsettings.json would give them.</param>
    public TempStudioData(string? folder = null, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string?>();
        Folder = folder ?? Directory.CreateTempSubdirectory("studio-data-").FullName;
        _services = Open();
    }

    public string Folder { get; }
    public IWorkflowStore Store => _services.GetRequiredService<IWorkflowStore>();
    public IRunStore Runs => _services.GetRequiredService<IRunStore>();
    /// <summary>The application layer's save path over this database, with the default settings (author "studio").</summary>
    public WorkflowLibrary Library => _services.GetRequiredService<WorkflowLibrary>();
    public WorkflowStudio.Studio.Security.AuditTrail Audit => _services.GetRequiredService<WorkflowStudio.Studio.Security.AuditTrail>();

    public WorkflowVersions Versions => _services.GetRequiredService<WorkflowVersions>();

    public RunHistory History => _services.GetRequiredService<RunHistory>();

    public IRunFeed Feed => _services.GetRequiredService<IRunFeed>();

    /// <summary>Any other service of the application layer over this database.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Closes the database and opens the same file again, as a restarted studio would.</summary>
    public void Restart()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        _services = Open();
    }

    // The whole application layer as the app registers it, over this folder; nothing starts until a test asks for it.
    private ServiceProvider Open()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = Folder }).AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (_clock is not null) services.AddSingleton(_clock);
        return services
            .AddWorkflowStudio(configuration, StudioPaths.From(configuration, Folder, Folder))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
