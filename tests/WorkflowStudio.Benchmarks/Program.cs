using System.Reflection;
using BenchmarkDotNet.Running;
using WorkflowStudio.Benchmarks;

// `harness NAME` runs a figure-printing harness (for measurements BenchmarkDotNet cannot express,
// such as latency percentiles over a live server); anything else goes to BenchmarkDotNet.
if (args is ["harness", var name, ..])
{
    var harnesses = typeof(IHarness).Assembly.GetTypes()
        .Where(t => typeof(IHarness).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IHarness)Activator.CreateInstance(t)!)
        .ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);
    if (!harnesses.TryGetValue(name, out var harness))
    {
        Console.Error.WriteLine($"Unknown harness '{name}'. Known: {string.Join(", ", harnesses.Keys.Order())}");
        return 2;
    }
    await harness.RunAsync(args[2..]);
    return 0;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
