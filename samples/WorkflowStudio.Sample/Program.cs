using Workflows;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Validation;

// Build the workflow from its C# definition, check it, and run it headless with in-process stand-ins for the model
// and the web search; a real host passes its own IModelGateway, IRetriever and IToolRegistry instead.
var workflow = SeoArticle.Build();

var problems = new WorkflowValidator().Validate(workflow);
foreach (var problem in problems) Console.WriteLine(problem);
if (problems.Any(p => p.Severity == Severity.Error)) return 1;

var tools = new InMemoryToolRegistry()
    .Add("web.search", "Searches the web", (args, _) => ValueTask.FromResult(new ToolResult($"Notes about {args["query"]}: people search for it weekly.")));
var runner = new Runner(new ScriptedModelGateway(), new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()), tools);
var inputs = new Dictionary<string, string> { ["keyword"] = "espresso grinders", ["audience"] = "home baristas" };

await foreach (var e in runner.RunAsync(workflow, inputs))
{
    switch (e)
    {
        case NodeCompleted done:
            Console.WriteLine($"{e.NodeId} done{(done.Port is { } port ? $" -> {port}" : "")}");
            break;
        case RunCompleted completed:
            foreach (var (name, value) in completed.Outputs) Console.WriteLine($"output {name}: {value}");
            return 0;
        case RunFailed failed:
            Console.WriteLine($"run failed: {failed.Message}");
            return 1;
    }
}
return 1;
