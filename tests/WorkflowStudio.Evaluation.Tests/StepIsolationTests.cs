using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Tests;

public sealed class StepIsolationTests : IAsyncLifetime
{
    private readonly List<string> _prompts = [];
    private readonly Harness _h;

    public StepIsolationTests() => _h = Harness.Services(new ScriptedModelGateway(r =>
    {
        lock (_prompts) _prompts.Add(r.Messages[^1].Content);
        return r.Messages[^1].Content.StartsWith("Ticket:") ? (r.Messages[^1].Content.Contains("refund") ? "BILLING" : "TECHNICAL") : "Reply: " + r.Messages[^1].Content;
    }));

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>The support-triage shape: classify, a condition on it, then one of two replies.</summary>
    private static readonly WorkflowStudio.Core.Model.Workflow Triage = new WorkflowBuilder("triage", "Triage")
        .Input("ticket")
        .Prompt("classify", p => p.User("Ticket: {{ticket}}").Stream(false))
        .Condition("is_billing", "classify.text contains \"BILLING\"")
        .Prompt("billing", p => p.User("Billing reply to {{ticket}} ({{classify.text}})").Stream(false))
        .Prompt("technical", p => p.User("Technical reply to {{ticket}}").Stream(false))
        .Output("reply", "{{billing.text}}{{technical.text}}")
        .Edge("ticket", "classify").Edge("classify", "is_billing").Edge("is_billing.true", "billing").Edge("is_billing.false", "technical")
        .Edge("billing", "reply").Edge("technical", "reply")
        .Build();

    private static DatasetCase Ticket(string id, string text, string label, string? billing = null) =>
        new(id, new Dictionary<string, string> { ["ticket"] = text }, DatasetCase.EmptyMap)
        {
            StepExpected = billing is null
                ? new Dictionary<string, string> { ["classify"] = label }
                : new Dictionary<string, string> { ["classify"] = label, ["billing"] = billing },
        };

    private async Task<EvaluationSummary> EvaluateAsync(string step, string scorer, params DatasetCase[] cases)
    {
        var version = await _h.SaveAsync(Triage);
        var data = await _h.DatasetAsync("tickets-" + step, cases);
        var spec = new EvaluationSpec { Scorers = [ScorerSpec.Parse(scorer)], IsolateStep = step };
        var evaluation = await _h.Evaluations.CreateAsync(new EvaluationRequest("triage", version, data.DatasetId, data.Number, spec, "ada"));
        return await _h.Evaluations.RunAsync(evaluation.Id);
    }

    [Fact]
    public async Task The_classifier_alone_runs_only_the_classifier()
    {
        var summary = await EvaluateAsync("classify", "exact",
            Ticket("t1", "I want a refund", "BILLING"), Ticket("t2", "The app crashes", "TECHNICAL"), Ticket("t3", "Charged twice", "BILLING"));
        Assert.Equal("exact@classify", Assert.Single(summary.Scorers).Scorer);
        Assert.Equal((3, 2), (summary.Done, summary.Passed));
        Assert.Equal(3, _prompts.Count);
        Assert.All(_prompts, p => Assert.StartsWith("Ticket:", p));
    }

    [Fact]
    public async Task A_downstream_step_alone_takes_its_upstream_outputs_from_the_case()
    {
        // The recorded label says BILLING even where the real classifier would say TECHNICAL: the case wins.
        var summary = await EvaluateAsync("billing", "contains",
            Ticket("t1", "My invoice is wrong", "BILLING", billing: "(BILLING)"));
        Assert.Equal((1, 1), (summary.Done, summary.Passed));
        Assert.Equal(["Billing reply to My invoice is wrong (BILLING)"], _prompts);
    }
}
