using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>
/// Alert rules over the recorded calls and feedback: error rate (a fraction), p95 latency (ms), cost per day ($) above a
/// threshold, or average feedback score below one, over a window. Checked in the background every
/// Studio:Monitoring:AlertCheckSeconds; a rule that fires stores a notice the Monitoring page shows and POSTs it to its
/// webhook through the http.request tool, so the webhook obeys the same address rules (Studio:Tools:Http:AllowedNetworks).
/// A fired rule stays quiet for one window, so a lasting problem gives one notice per window rather than one per check.
/// </summary>
public sealed class AlertMonitor(IAlertStore alerts, IModelCallStore calls, IFeedbackStore feedback, IToolRegistry tools, TimeProvider time,
    IOptions<MonitoringOptions> options, ILogger<AlertMonitor> log) : BackgroundService
{
    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken ct = default) => alerts.ListRulesAsync(ct);

    public Task<IReadOnlyList<AlertNotice>> ListNoticesAsync(int take = 20, CancellationToken ct = default) => alerts.ListNoticesAsync(take, ct);

    public Task<bool> DeleteRuleAsync(string ruleId, CancellationToken ct = default) => alerts.DeleteRuleAsync(ruleId, ct);

    /// <exception cref="StoreException">A bad name, window, threshold or webhook URL.</exception>
    public Task<AlertRule> SaveRuleAsync(AlertRule rule, CancellationToken ct = default)
    {
        if (rule.WebhookUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new StoreException($"The webhook '{url}' is not an absolute http(s) URL.");
        if (rule.Metric is AlertMetric.ErrorRate or AlertMetric.FeedbackScore && rule.Threshold > 1)
            throw new StoreException("An error-rate or feedback-score threshold is a fraction between 0 and 1.");
        var id = string.IsNullOrWhiteSpace(rule.Id) ? Guid.CreateVersion7().ToString("N") : rule.Id;
        return alerts.SaveRuleAsync(rule with { Id = id }, ct);
    }

    /// <summary>Evaluates every enabled rule now; returns the notices raised.</summary>
    public async Task<IReadOnlyList<AlertNotice>> CheckAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var raised = new List<AlertNotice>();
        foreach (var rule in await alerts.ListRulesAsync(ct))
        {
            var window = TimeSpan.FromMinutes(rule.WindowMinutes);
            if (!rule.Enabled || rule.LastFiredAt > now - window) continue;
            if (await MeasureAsync(rule, now - window, now, ct) is not { } value || !Breached(rule, value)) continue;
            var message = Describe(rule, value);
            var webhook = rule.WebhookUrl is { } url ? await PostAsync(url, rule, value, message, now, ct) : null;
            raised.Add(await alerts.AddNoticeAsync(new AlertNotice(0, rule.Id, now, value, message, webhook), ct));
            log.LogWarning("Alert {Rule} fired: {Message} (webhook: {Webhook})", rule.Name, message, webhook ?? "none");
        }
        return raised;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AlertCheckSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Checking the alert rules failed; trying again at the next check");
            }
        }
    }

    private async Task<double?> MeasureAsync(AlertRule rule, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var filter = new MonitoringFilter(from, to) { WorkflowId = rule.WorkflowId };
        if (rule.Metric == AlertMetric.FeedbackScore)
        {
            var answers = await feedback.ListAsync(filter, 100_000, ct);
            return answers.Count == 0 ? null : answers.Average(a => a.Score);
        }
        // The hourly and daily rollups cover the whole hours and days of the window and raw calls its ragged ends, so a
        // check reads about as much for a day's window as for an hour's, however busy the day was.
        var tally = CallTally.Of(await calls.LoadSlicesAsync(filter, SliceGrain.Total, ct));
        if (tally.Calls == 0) return null;
        return rule.Metric switch
        {
            AlertMetric.ErrorRate => (double)tally.FailedCalls / tally.Calls,
            AlertMetric.P95LatencyMs => tally.Percentiles().P95Ms,
            _ => (double)tally.Cost * TimeSpan.FromDays(1) / (to - from),
        };
    }

    private static bool Breached(AlertRule rule, double value) =>
        rule.Metric == AlertMetric.FeedbackScore ? value < rule.Threshold : value > rule.Threshold;

    private static string Describe(AlertRule rule, double value)
    {
        var (what, shown, limit) = rule.Metric switch
        {
            AlertMetric.ErrorRate => ("error rate", $"{value * 100:0.0}%", $"{rule.Threshold * 100:0.0}%"),
            AlertMetric.P95LatencyMs => ("p95 latency", $"{value:0} ms", $"{rule.Threshold:0} ms"),
            AlertMetric.CostPerDay => ("cost per day", $"${value:0.####}", $"${rule.Threshold:0.####}"),
            _ => ("feedback score", $"{value:0.00}", $"{rule.Threshold:0.00}"),
        };
        var scope = rule.WorkflowId is { } w ? $" of {w}" : "";
        var direction = rule.Metric == AlertMetric.FeedbackScore ? "below" : "above";
        return string.Create(CultureInfo.InvariantCulture, $"{rule.Name}: {what}{scope} was {shown} over the last {rule.WindowMinutes} min, {direction} {limit}.");
    }

    private async Task<string> PostAsync(string url, AlertRule rule, double value, string message, DateTimeOffset at, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            rule = rule.Name, ruleId = rule.Id, metric = rule.Metric.ToString(), value, threshold = rule.Threshold,
            windowMinutes = rule.WindowMinutes, workflowId = rule.WorkflowId, message, at,
        });
        if (tools.Find(HttpRequestTool.Name) is not { } http) return "not sent: the http.request tool is not available";
        try
        {
            var result = await http.InvokeAsync(new Dictionary<string, string> { ["url"] = url, ["method"] = "POST", ["body"] = body }, ct);
            return result.Text.Split('\n', 2)[0];
        }
        catch (ToolException e)
        {
            return "not sent: " + e.Message;
        }
    }
}
