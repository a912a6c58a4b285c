using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Running;

/// <summary>
/// Runs workflows as a stream of <see cref="RunEvent"/>s. Independent branches run concurrently, joins wait for
/// every incoming link, loops are bounded by maxLoops, and exactly one terminal event ends every run.
/// </summary>
public sealed class Runner
{
    private readonly NodeExecutorRegistry _executors;
    private readonly WorkflowValidator _validator;

    public Runner(IModelGateway models, IRetriever retriever, IToolRegistry tools, WorkflowLimits? limits = null)
        : this(NodeExecutorRegistry.CreateDefault(models, retriever, tools), new WorkflowValidator(limits, models, retriever, tools))
    {
    }

    public Runner(NodeExecutorRegistry executors, WorkflowValidator? validator = null)
    {
        _executors = executors;
        _validator = validator ?? new WorkflowValidator();
    }

    public IAsyncEnumerable<RunEvent> RunAsync(Workflow workflow, IReadOnlyDictionary<string, string> inputs, RunOptions? options = null, CancellationToken cancellationToken = default) =>
        new RunExecution(ExecutionPlan.For(workflow, _validator), _executors, inputs, options ?? RunOptions.Default, cancellationToken).RunAsync();
}
