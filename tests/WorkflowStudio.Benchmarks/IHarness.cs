namespace WorkflowStudio.Benchmarks;

/// <summary>A measurement that prints its own figures; run with `-- harness NAME`.</summary>
public interface IHarness
{
    string Name { get; }

    Task RunAsync(string[] args);
}
