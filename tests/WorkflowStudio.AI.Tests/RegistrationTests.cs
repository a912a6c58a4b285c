using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>AddWorkflowAI over the repository's own appsettings.json, as the Web app and CLI call it.</summary>
public sealed class RegistrationTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ws-ai-reg-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public RegistrationTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Studio:DataDirectory"] = _data })
            .Build();
        _services = new ServiceCollection().AddWorkflowAI(configuration, AppContext.BaseDirectory).BuildServiceProvider();
    }

    [Fact]
    public void The_ports_and_the_catalog_are_registered_from_the_shipped_settings()
    {
        var gateway = _services.GetRequiredService<IModelGateway>();
        var catalog = _services.GetRequiredService<ModelCatalog>();

        Assert.NotNull(_services.GetRequiredService<IRetriever>());
        Assert.Equal(4, _services.GetRequiredService<IToolRegistry>().Tools.Count);
        Assert.Null(gateway.CheckModel("offline"));
        Assert.Contains(catalog.Models, m => m is { Name: "gpt-4o-mini", Provider: "openai" });
        Assert.Contains(catalog.Models, m => m is { Name: "llama3.2", Provider: "ollama" });
        Assert.Contains(catalog.Models, m => m is { Name: "azure-gpt-4o-mini", Provider: "azure" });
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENAI_API_KEY")))
            Assert.Contains("OPENAI_API_KEY is not set", gateway.CheckModel("gpt-4o-mini"));
        Assert.Null(gateway.CheckModel("llama3.2"));
    }

    [Fact]
    public async Task The_warmup_loads_the_sample_knowledge_base_and_says_so()
    {
        var warmup = Assert.Single(_services.GetServices<IHostedService>().OfType<KnowledgeWarmup>());

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!;

        Assert.Contains("acme-widgets", _services.GetRequiredService<KnowledgeBaseStore>().Names);
        Assert.Equal(WarmupPhase.Ready, warmup.Status.Phase);
        Assert.Equal(warmup.Status.Total, warmup.Status.Done);
        Assert.Equal(_services.GetRequiredService<KnowledgeBaseStore>().Names.Count, warmup.Status.Total);
    }

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
