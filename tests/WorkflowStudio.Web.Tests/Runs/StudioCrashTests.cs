using WorkflowStudio.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Web.Tests.Runs;

public sealed class StudioCrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killing_the_studio_mid_run_keeps_the_stored_events_and_the_restarted_studio_shows_the_run_interrupted()
    {
        var data = Directory.CreateTempSubdirectory("ws-crash-app-").FullName;
        // The offline model is slowed to half a second a token, so the run is still going when the studio dies.
        string[] slowModel = ["--Studio:Models:Offline:LatencyMsPerToken", "500"];
        var workflow = new WorkflowBuilder("slow-answer", "Slow answer")
            .Input("question")
            .Prompt("answer", p => p.User("Answer in a few sentences: {{question}}"))
            .Output("result", "{{answer.text}}")
            .Edge("question", "answer").Edge("answer", "result")
            .Build();
        try
        {
            string runId;
            var received = new List<RunEvent>();
            IReadOnlyList<RunEventMessage> storedBeforeKill;
            await using (var studio = await StudioProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "WorkflowStudio.Web.dll"), data, slowModel))
            {
                using var http = await studio.SignedInHttpAsync();
                var saved = await http.PostAsJsonAsync($"/api/workflows/{workflow.Id}/versions",
                    new { definition = JsonNode.Parse(WorkflowJson.Serialize(workflow)), message = "first" });
                Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

                await using var client = await studio.ConnectAsync();
                var run = await client.InvokeAsync<StartedRunMessage>("StartRun",
                    new StartRunMessage(workflow.Id, new Dictionary<string, string> { ["question"] = "Why do databases keep a write-ahead log?" }));
                runId = run.RunId;
                using (var patience = new CancellationTokenSource(Patience))
                {
                    await foreach (var message in client.StreamAsync<RunEventMessage>("Join", runId, 0L, patience.Token))
                    {
                        received.Add(message.Event);
                        if (received.Count(e => e is NodeDelta) == 2) break;
                    }
                }
                storedBeforeKill = await WaitForStoredAsync(http, runId, atLeast: received.Count);

                await studio.KillAsync();
            }
            Assert.DoesNotContain(received, e => e.IsTerminal);

            await using var restarted = await StudioProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "WorkflowStudio.Web.dll"), data, slowModel);
            using var after = await restarted.SignedInHttpAsync();
            var record = await after.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            Assert.Equal("interrupted", record.GetProperty("status").GetString());

            await using var replayer = await restarted.ConnectAsync();
            var replayed = new List<RunEvent>();
            using (var patience = new CancellationTokenSource(Patience))
                await foreach (var message in replayer.StreamAsync<RunEventMessage>("Join", runId, 0L, patience.Token))
                    replayed.Add(message.Event);

            Assert.Equal(Enumerable.Range(1, replayed.Count).Select(i => (long)i), replayed.Select(e => e.Sequence));
            Assert.True(replayed.Count >= storedBeforeKill.Count);
            Assert.Equal(storedBeforeKill.Select(m => RunEventJson.Serialize(m.Event)), replayed.Take(storedBeforeKill.Count).Select(RunEventJson.Serialize));
            Assert.Equal(received.Select(RunEventJson.Serialize), replayed.Take(received.Count).Select(RunEventJson.Serialize));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Polls the run's stored events over HTTP until the sink has written what the client saw.</summary>
    private static async Task<IReadOnlyList<RunEventMessage>> WaitForStoredAsync(HttpClient http, string runId, int atLeast)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var stored = await http.GetFromJsonAsync<List<RunEventMessage>>($"/api/runs/{runId}/events", patience.Token) ?? [];
            if (stored.Count >= atLeast) return stored;
            await Task.Delay(50, patience.Token);
        }
    }
}
