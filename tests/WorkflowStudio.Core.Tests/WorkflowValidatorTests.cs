using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Tests;

public class WorkflowValidatorTests
{
    private static IReadOnlyList<ValidationProblem> Validate(Workflow workflow, WorkflowLimits? limits = null) =>
        new WorkflowValidator(limits, tools: TestSupport.Tools(), retriever: TestSupport.Retriever()).Validate(workflow);

    private static ValidationProblem Single(Workflow workflow, string code) =>
        Assert.Single(Validate(workflow), p => p.Code == code);

    private static WorkflowBuilder Chain() => new WorkflowBuilder("w")
        .Input("q")
        .Prompt("p", p => p.User("Answer {{q}}"))
        .Output("o", "{{p.text}}")
        .Edge("q", "p").Edge("p", "o");

    [Fact]
    public void A_sound_workflow_has_no_problems()
    {
        Assert.Empty(Validate(Chain().Build()));
    }

    [Theory]
    [InlineData("seo-article")]
    [InlineData("rag-qa")]
    [InlineData("support-triage")]
    public void Templates_have_no_problems(string id)
    {
        Assert.Empty(Validate(TestSupport.LoadTemplate(id)));
    }

    [Fact]
    public void Duplicate_ids()
    {
        var problem = Single(Chain().Prompt("p", p => p.User("again")).Build(), "duplicate_id");
        Assert.Equal(("p", "id"), (problem.NodeId, problem.Field));
        Assert.Contains("Two steps are called 'p'", problem.Message);
    }

    [Fact]
    public void Invalid_ids()
    {
        Assert.Equal("bad id", Single(Chain().Input("bad id").Edge("bad id", "p").Build(), "invalid_id").NodeId);
    }

    [Fact]
    public void Dangling_edges_on_either_end()
    {
        var problems = Validate(Chain().Edge("ghost", "p").Edge("p", "nowhere").Build()).Where(p => p.Code == "dangling_edge").ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Message.Contains("starts at 'ghost'"));
        Assert.Contains(problems, p => p.Message.Contains("goes to 'nowhere'") && p.NodeId == "p");
    }

    [Fact]
    public void Unknown_ports()
    {
        var problem = Single(Chain().Judge("j", j => j.Rubric("r")).Edge("p", "j").Edge("j.maybe", "o").Build(), "unknown_port");
        Assert.Equal("j", problem.NodeId);
        Assert.Contains("pass, fail", problem.Message.Replace("fail, pass", "pass, fail"));
    }

    [Fact]
    public void Links_into_an_input_are_refused()
    {
        Assert.Equal("q", Single(Chain().Edge("p", "q", maxLoops: 1).Build(), "no_input_port").NodeId);
    }

    [Fact]
    public void Unreachable_nodes()
    {
        var workflow = Chain()
            .Prompt("a", p => p.User("x")).Prompt("b", p => p.User("y"))
            .Edge("a", "b").Edge("b", "a", maxLoops: 2)
            .Build();
        var problems = Validate(workflow).Where(p => p.Code == "unreachable").Select(p => p.NodeId).Order();
        Assert.Equal(["a", "b"], problems);
    }

    [Fact]
    public void A_step_with_links_out_but_none_in_is_flagged_beside_the_inputs()
    {
        var workflow = Chain().Prompt("orphan", p => p.User("x")).Edge("orphan", "o").Build();
        var problem = Single(workflow, "no_way_in");
        Assert.Equal(("orphan", Severity.Warning), (problem.NodeId, problem.Severity));
        Assert.Contains("unreachable from the inputs", problem.Message);
        // Without input steps the first prompt is where the run starts.
        Assert.DoesNotContain(Validate(new WorkflowBuilder("w").Prompt("p", p => p.User("x")).Output("o", "{{p.text}}").Edge("p", "o").Build()), p => p.Code == "no_way_in");
    }

    [Fact]
    public void A_judge_or_condition_port_that_leads_nowhere_while_an_output_depends_on_it_is_warned()
    {
        var judged = Chain().Judge("judge1", j => j.Rubric("r")).Output("final", "{{p.text}}").Edge("p", "judge1").Edge("judge1.pass", "final").Build();
        var problem = Single(judged, "port_leads_nowhere");
        Assert.Equal(("judge1", "edges", Severity.Warning), (problem.NodeId, problem.Field, problem.Severity));
        Assert.Contains("The fail port of 'judge1' leads nowhere", problem.Message);
        Assert.Contains("final", problem.Message);

        var both = Chain().Judge("judge1", j => j.Rubric("r")).Output("final", "{{p.text}}").Edge("p", "judge1").Edge("judge1.pass", "final").Edge("judge1.fail", "p", maxLoops: 3).Build();
        Assert.DoesNotContain(Validate(both), p => p.Code == "port_leads_nowhere");
        // A judge at the end, with nothing after it, skips nothing.
        Assert.DoesNotContain(Validate(Chain().Judge("j", j => j.Rubric("r")).Edge("p", "j").Build()), p => p.Code == "port_leads_nowhere");
    }

    [Fact]
    public void A_cycle_without_max_loops_is_an_unbounded_loop()
    {
        var workflow = Chain().Judge("j", j => j.Rubric("r")).Edge("p", "j").Edge("j.fail", "p").Build();
        var problem = Single(workflow, "unbounded_loop");
        Assert.Equal(("j", "edges"), (problem.NodeId, problem.Field));
        Assert.Contains("maxLoops", problem.Message);
        Assert.DoesNotContain(Validate(Chain().Judge("j", j => j.Rubric("r")).Edge("p", "j").Edge("j.fail", "p", maxLoops: 3).Build()), p => p.Code == "unbounded_loop");
    }

    [Fact]
    public void Max_loops_must_be_in_range()
    {
        Single(Chain().Judge("j", j => j.Rubric("r")).Edge("p", "j").Edge("j.fail", "p", maxLoops: 0).Build(), "invalid_max_loops");
    }

    [Fact]
    public void Unknown_variable_names_the_steps_that_are_available()
    {
        var workflow = new WorkflowBuilder("w").Input("q").Prompt("p", p => p.User("Use {{research.text}} for {{q}}")).Edge("q", "p").Build();
        var problem = Single(workflow, "unknown_variable");
        Assert.Equal(("p", "User"), (problem.NodeId, problem.Field));
        Assert.Contains("{{research.text}}", problem.Message);
        Assert.Contains("Steps before it: q", problem.Message);
    }

    [Fact]
    public void A_variable_from_a_step_downstream_is_unknown()
    {
        var bad = new WorkflowBuilder("w").Input("q").Prompt("a", p => p.User("{{b.text}}")).Prompt("b", p => p.User("{{q}}")).Edge("q", "a").Edge("a", "b").Build();
        Assert.Equal("a", Single(bad, "unknown_variable").NodeId);
    }

    [Fact]
    public void Unknown_output_of_a_known_step()
    {
        var workflow = Chain().Output("o2", "{{p.txt}}").Edge("p", "o2").Build();
        var problem = Single(workflow, "unknown_output");
        Assert.Contains("p.text", problem.Message);
    }

    [Fact]
    public void Template_syntax_errors_point_at_the_field()
    {
        var workflow = Chain().Output("o2", "{{ p.text ").Edge("p", "o2").Build();
        Assert.Equal(("o2", "Value"), (Single(workflow, "template_syntax").NodeId, Single(workflow, "template_syntax").Field));
    }

    [Fact]
    public void Condition_expressions_are_checked()
    {
        var workflow = Chain().Condition("c", "p.text contains").Edge("p", "c").Build();
        Assert.Equal("Expression", Single(workflow, "template_syntax").Field);
        var unknown = Chain().Condition("c", "nope.text == \"x\"").Edge("p", "c").Build();
        Assert.Equal("c", Single(unknown, "unknown_variable").NodeId);
    }

    [Fact]
    public void Tool_arguments_are_checked_and_the_tool_must_exist()
    {
        var workflow = Chain().Tool("t", t => t.Use("teleporter").Arg("where", "{{mars}}")).Edge("p", "t").Build();
        Assert.Equal("Args.where", Single(workflow, "unknown_variable").Field);
        Assert.Contains("calculator", Single(workflow, "unknown_tool").Message);
        Single(Chain().Tool("t").Edge("p", "t").Build(), "missing_tool");
    }

    [Fact]
    public void Agents_need_a_task_and_known_tools()
    {
        Single(Chain().Agent("a").Edge("q", "a").Build(), "empty_prompt");
        var problem = Single(Chain().Agent("a", a => a.Task("{{q}}").Tools("calculator, teleporter")).Edge("q", "a").Build(), "unknown_tool");
        Assert.Equal(("a", "Tools"), (problem.NodeId, problem.Field));
    }

    [Fact]
    public void Knowledge_bases_must_exist()
    {
        Single(Chain().Retrieval("r", r => r.Query("{{q}}")).Edge("q", "r").Build(), "missing_knowledge_base");
        Single(Chain().Retrieval("r", r => r.KnowledgeBase("atlantis").Query("{{q}}")).Edge("q", "r").Build(), "unknown_knowledge_base");
    }

    [Fact]
    public void Unknown_models_are_reported_before_the_run()
    {
        var gateway = new CheckingGateway();
        var problems = new WorkflowValidator(models: gateway).Validate(new WorkflowBuilder("w").Prompt("p", p => p.Model("gpt-9").User("hi")).Build());
        var problem = Assert.Single(problems, p => p.Code == "unknown_model");
        Assert.Equal(("p", "Model"), (problem.NodeId, problem.Field));
    }

    [Fact]
    public void Empty_prompts_and_rubrics()
    {
        Single(Chain().Prompt("e").Edge("q", "e").Build(), "empty_prompt");
        Assert.Equal(Severity.Warning, Single(Chain().Judge("j").Edge("p", "j").Build(), "empty_rubric").Severity);
    }

    [Fact]
    public void Oversized_workflows_and_texts()
    {
        var limits = new WorkflowLimits { MaxNodes = 2, MaxTextChars = 10 };
        var problems = Validate(Chain().Build(), limits);
        Assert.Contains(problems, p => p.Code == "too_many_nodes");
        Assert.Contains(problems, p => p.Code == "text_too_large" && p.NodeId == "p" && p.Field == "User");
    }

    [Fact]
    public void Inputs_are_checked_for_presence_names_and_size()
    {
        var workflow = new WorkflowBuilder("w").Input("q", i => i.MaxLength(5)).Input("opt", i => i.Required(false)).Build();
        var validator = new WorkflowValidator(new WorkflowLimits { MaxInputChars = 8 });
        Assert.Contains(validator.ValidateInputs(workflow, TestSupport.Inputs()), p => p.Code == "input_missing" && p.NodeId == "q");
        Assert.Contains(validator.ValidateInputs(workflow, TestSupport.Inputs(("q", "toolong"))), p => p.Code == "input_too_large");
        Assert.Contains(validator.ValidateInputs(workflow, TestSupport.Inputs(("q", "ok"), ("opt", "1234567"))), p => p.Code == "inputs_too_large");
        Assert.Contains(validator.ValidateInputs(workflow, TestSupport.Inputs(("q", "ok"), ("zzz", "1"))), p => p.Code == "unknown_input");
        Assert.Empty(validator.ValidateInputs(workflow, TestSupport.Inputs(("q", "ok"))));
    }

    [Fact]
    public void Unknown_kinds_and_bad_json_become_problems_with_a_place()
    {
        var validator = new WorkflowValidator();
        var (workflow, problems) = validator.ValidateJson("""{"schema":1,"id":"w","name":"w","nodes":[{"kind":"wormhole","id":"x"}]}""");
        Assert.Null(workflow);
        var problem = Assert.Single(problems);
        Assert.Equal(("unknown_kind", "x", "kind"), (problem.Code, problem.NodeId, problem.Field));
        Assert.Equal("malformed_json", Assert.Single(validator.ValidateJson("{oops").Problems).Code);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var workflow = new WorkflowBuilder("w").Input("q").Input("q").Prompt("p", p => p.User("{{x}}")).Edge("q", "p").Edge("p", "zz").Build();
        var codes = Validate(workflow).Select(p => p.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "duplicate_id", "unknown_variable", "dangling_edge" }, codes);
    }

    private sealed class CheckingGateway : IModelGateway
    {
        public ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken) =>
            new ScriptedModelGateway().CompleteAsync(request, onDelta, cancellationToken);

        public string? CheckModel(string model) => model == "offline" ? null : $"No provider serves the model '{model}'.";
    }
}
