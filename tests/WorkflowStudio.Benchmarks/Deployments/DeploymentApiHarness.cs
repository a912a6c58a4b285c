using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Testing.Deployments;

namespace WorkflowStudio.Benchmarks.Deployments;

/// <summary>
/// The deployment API as Program.cs wires it (<see cref="DeploymentApiHost"/>, shared with the deployment API tests)
/// on Kestrel at 127.0.0.1 with the studio's own models (the offline model), driven by HttpClients on loopback:
/// `harness deployment-api [seconds per level] [empty|rag-qa]`. For an empty workflow (input → output) and the offline
/// RAG template (or only the one named, so a profile of the empty workflow holds nothing else):
/// runs/s and p50/p95/p99 latency at 1, 16 and 64 concurrent clients, then the time to the first Server-Sent Event.
/// The rate limit and the concurrent-run caps are raised, as a studio serving that traffic would set them.
/// </summary>
public sealed class DeploymentApiHarness : IHarness
{
    private const string Tag = "production";

    public string Name => "deployment-api";

    public async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var only = args.Length > 1 ? args[1] : null;
        await using var host = await DeploymentApiHost.StartAsync(new Dictionary<string, string?>
        {
            // The limiter guards a studio from one key; the benchmark measures what is behind it.
            ["Studio:Api:RateLimit:PermitLimit"] = "1000000",
            // By default a caller may have 4 runs going and the studio 16; past that the API answers 429 "busy".
            ["Studio:Limits:MaxConcurrentRuns"] = "1000",
            ["Studio:Limits:MaxConcurrentRunsPerUser"] = "1000",
        }, appFiles: AppContext.BaseDirectory);
        var empty = new WorkflowBuilder("empty", "Empty").Input("text").Output("echo", "{{text}}").Edge("text", "echo").Build();
        var rag = WorkflowJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "rag-qa.json")));
        var store = host.Get<IWorkflowStore>();
        foreach (var workflow in new[] { empty, rag })
        {
            await store.SaveAsync(new SaveRequest(workflow, "benchmark", "bench", BasedOn: null));
            await store.SetTagAsync(workflow.Id, Tag, 1, "bench");
        }
        var key = await host.Get<ApiKeys>().CreateAsync("bench", ApiKeyScopes.Run, [empty.Id, rag.Id], "bench");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(host.Address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);

        var loads = new[] { (empty, """{"text":"hello"}"""), (rag, """{"question":"How long is the Widget Pro warranty?"}""") };
        foreach (var (workflow, body) in loads.Where(l => only is null || l.Item1.Id == only))
        {
            var calls = await LoadAsync(http, workflow, body, 1, TimeSpan.FromSeconds(1), print: false);
            foreach (var clients in new[] { 1, 16, 64 })
                calls += await LoadAsync(http, workflow, body, clients, TimeSpan.FromSeconds(seconds), print: true);
            calls += await FirstEventAsync(http, workflow, body, 200);
            // A call answers once its run is stored, so by now every call has its run stored as finished.
            var succeeded = (await host.Get<IRunStore>().QueryRunsAsync(new RunQuery(workflow.Id, RunStatus.Succeeded, Take: 1))).Total;
            Console.WriteLine($"{workflow.Id}: {succeeded} of {calls} calls stored as succeeded runs");
        }
    }

    private static async Task<int> LoadAsync(HttpClient http, Workflow workflow, string body, int clients, TimeSpan duration, bool print)
    {
        var latencies = new List<double>[clients];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                using var response = await http.PostAsync(CallPath(workflow), new StringContent(body, Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        if (!print) return all.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{workflow.Id}, {clients} clients: {all.Length / elapsed:0} runs/s ({all.Length} in {elapsed:0.0} s, {failed} failed); latency p50 {At(all, 0.5):0.00} ms, p95 {At(all, 0.95):0.00} ms, p99 {At(all, 0.99):0.00} ms"));
        return all.Length;
    }

    private static async Task<int> FirstEventAsync(HttpClient http, Workflow workflow, string body, int samples)
    {
        var firsts = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, CallPath(workflow)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.StartsWith("data:", StringComparison.Ordinal)) { }
            firsts.Add(clock.Elapsed.TotalMilliseconds);
            await reader.ReadToEndAsync();
        }
        var sorted = firsts.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{workflow.Id}, SSE, 1 client: first event p50 {At(sorted, 0.5):0.00} ms, p95 {At(sorted, 0.95):0.00} ms ({samples} calls)"));
        return samples;
    }

    private static string CallPath(Workflow workflow) => $"/api/v1/deployments/{workflow.Id}/{Tag}/runs";

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
