using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.AI.Tests.Support;

/// <summary>The AI services as the Web app and CLI register them, over in-memory settings and a private data directory.</summary>
public sealed class Studio : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="configure">Adds to the registration, e.g. a model-call observer a test reads.</param>
    public Studio(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ws-ai-tests-" + Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?>
        {
            ["Studio:DataDirectory"] = DataDirectory,
            // Index files are keyed by a fingerprint of their documents, so every test can share one folder:
            // the sample knowledge base is embedded once, not once per test (the machine's cores are shared).
            ["Studio:Knowledge:IndexFolder"] = Path.Combine(AppContext.BaseDirectory, "test-indexes"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddWorkflowAI(configuration, AppContext.BaseDirectory);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string DataDirectory { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
