using System.Text.Json;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>Alert rules over a synthetic spike, with the webhook received on loopback (allowed only in this test's settings).</summary>
public sealed class AlertMonitorTests : IDisposable
{
    private readonly StudioHost _host = new(new Dictionary<string, string?> { ["Studio:Tools:Http:AllowedNetworks:0"] = "127.0.0.1" });
    private readonly WebhookReceiver _receiver = new();
    private AlertMonitor Alerts => _host.Get<AlertMonitor>();

    public void Dispose()
    {
        _receiver.Dispose();
        _host.Dispose();
    }

    private Task SpikeAsync(int calls, int failed) => _host.Get<IModelCallStore>().AppendAsync([.. Enumerable.Range(0, calls).Select(i =>
        new ModelCallRecord(0, DateTimeOffset.UtcNow.AddMinutes(-2), "support", 1, "production", $"run{i}", "answer", 1, "offline", "Chat", 5, 5, 0.01m,
            TimeSpan.FromMilliseconds(100 + i), null, false, 1, i < failed ? "provider_error" : null, i < failed ? "HTTP 500" : null))]);

    private static AlertRule Rule(AlertMetric metric, double threshold, string? webhook = null) =>
        new("", $"{metric} rule", metric, threshold, 10, "support", webhook, Enabled: true, LastFiredAt: null);

    [Fact]
    public async Task An_error_spike_raises_one_notice_per_window_and_posts_it_to_the_webhook()
    {
        await Alerts.SaveRuleAsync(Rule(AlertMetric.ErrorRate, 0.5, _receiver.Url));
        await Alerts.SaveRuleAsync(Rule(AlertMetric.P95LatencyMs, 10_000));
        await SpikeAsync(calls: 4, failed: 3);

        var notice = Assert.Single(await Alerts.CheckAsync());

        Assert.Equal(0.75, notice.Value);
        Assert.Contains("error rate of support was 75.0%", notice.Message);
        Assert.StartsWith("HTTP 200", notice.WebhookResult);
        using var json = JsonDocument.Parse(await _receiver.NextBodyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));
        Assert.Equal(("ErrorRate rule", 0.75), (json.RootElement.GetProperty("rule").GetString(), json.RootElement.GetProperty("value").GetDouble()));
        Assert.Empty(await Alerts.CheckAsync());
        Assert.Single(await Alerts.ListNoticesAsync());
    }

    [Fact]
    public async Task A_window_of_hours_counts_every_call_inside_it_and_none_from_before_it()
    {
        var now = DateTimeOffset.UtcNow;
        var n = 0;
        ModelCallRecord Call(TimeSpan ago, bool failed) => new(0, now - ago, "support", 1, "production", $"run{n++}", "answer", 1, "offline", "Chat",
            5, 5, 0.01m, TimeSpan.FromMilliseconds(100), null, false, 1, failed ? "provider_error" : null, failed ? "HTTP 500" : null);
        var hours = TimeSpan.FromHours(1);
        await _host.Get<IModelCallStore>().AppendAsync([Call(7 * hours, true), Call(7 * hours, true), Call(7 * hours, true),
            Call(5 * hours, false), Call(3 * hours, true), Call(2 * hours, false), Call(TimeSpan.FromMinutes(1), false)]);
        await Alerts.SaveRuleAsync(Rule(AlertMetric.ErrorRate, 0.2) with { WindowMinutes = 360 });

        Assert.Equal(0.25, Assert.Single(await Alerts.CheckAsync()).Value);
    }

    [Fact]
    public async Task A_quiet_period_raises_nothing_and_a_feedback_rule_fires_below_its_threshold()
    {
        await Alerts.SaveRuleAsync(Rule(AlertMetric.ErrorRate, 0.5));
        await Alerts.SaveRuleAsync(Rule(AlertMetric.CostPerDay, 1_000));
        await SpikeAsync(calls: 4, failed: 1);
        Assert.Empty(await Alerts.CheckAsync());

        var host = new MonitoringHost();
        try
        {
            var run = await host.RunAsync();
            await host.Get<RunFeedback>().GiveAsync(run, new FeedbackInput(ThumbsUp: false), "ada");
            await host.Get<AlertMonitor>().SaveRuleAsync(Rule(AlertMetric.FeedbackScore, 0.5) with { WorkflowId = null });
            Assert.Contains("feedback score was 0.00", Assert.Single(await host.Get<AlertMonitor>().CheckAsync()).Message);
        }
        finally
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task A_webhook_to_a_blocked_address_is_not_sent_and_bad_rules_are_refused()
    {
        using var strict = new StudioHost();
        await strict.Get<AlertMonitor>().SaveRuleAsync(Rule(AlertMetric.ErrorRate, 0.1, _receiver.Url));
        await strict.Get<IModelCallStore>().AppendAsync([new ModelCallRecord(0, DateTimeOffset.UtcNow, "support", 1, null, "r", "s", 1, "offline", "Chat",
            1, 1, 0, TimeSpan.FromMilliseconds(1), null, false, 1, "timeout", "slow")]);

        var notice = Assert.Single(await strict.Get<AlertMonitor>().CheckAsync());

        Assert.Contains("loopback", notice.WebhookResult);
        Assert.Equal(0, _receiver.Received);
        await Assert.ThrowsAsync<StoreException>(() => Alerts.SaveRuleAsync(Rule(AlertMetric.ErrorRate, 5)));
        await Assert.ThrowsAsync<StoreException>(() => Alerts.SaveRuleAsync(Rule(AlertMetric.ErrorRate, 0.1, "file:///etc/passwd")));
        await Assert.ThrowsAsync<StoreException>(() => Alerts.SaveRuleAsync(Rule(AlertMetric.ErrorRate, 0.1) with { WindowMinutes = 0 }));
    }
}
