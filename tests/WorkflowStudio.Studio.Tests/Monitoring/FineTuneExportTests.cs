using System.Text.Json;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>Chat JSONL for fine-tuning, checked line by line against the OpenAI chat format.</summary>
public sealed class FineTuneExportTests : IDisposable
{
    private readonly MonitoringHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Good_and_corrected_runs_export_as_chat_lines_with_the_correction_as_the_assistant_answer()
    {
        var good = await _host.RunAsync("rivers");
        var corrected = await _host.RunAsync("tides");
        var bad = await _host.RunAsync("moons");
        var feedback = _host.Get<RunFeedback>();
        await feedback.GiveAsync(good, new FeedbackInput(ThumbsUp: true), "ada");
        await feedback.GiveAsync(corrected, new FeedbackInput(ThumbsUp: false, Correction: "Tides follow the moon."), "ada");
        await feedback.GiveAsync(bad, new FeedbackInput(ThumbsUp: false), "ada");
        var export = _host.Get<FineTuneExport>();

        var runs = await export.ChooseRunsAsync(new MonitoringFilter(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)));
        var text = new StringWriter();
        var count = await export.WriteAsync(runs, text);

        Assert.Equal(new[] { corrected, good }.Order(), runs.Order());
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, count);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(["messages"], json.RootElement.EnumerateObject().Select(p => p.Name));
            var messages = json.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["system", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
            Assert.All(messages, m => Assert.Equal(["role", "content"], m.EnumerateObject().Select(p => p.Name)));
            Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("content").GetString())));
        }
        var tides = lines.Single(l => l.Contains("Write about tides"));
        Assert.Equal("Tides follow the moon.", JsonDocument.Parse(tides).RootElement.GetProperty("messages")[2].GetProperty("content").GetString());
        Assert.DoesNotContain(lines, l => l.Contains("Write about moons"));
    }
}
