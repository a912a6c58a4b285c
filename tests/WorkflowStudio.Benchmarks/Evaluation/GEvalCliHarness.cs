using System.Diagnostics;
using System.Globalization;
using System.Text;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Testing;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Benchmarks.Evaluation;

/// <summary>
/// G-eval as CI runs it: the whole `studio eval` process, start-up included, over the 1,000 cases as a workflow file and
/// a CSV, the model behind the OpenAI-wire test server on 127.0.0.1 answering "answer-i (tT)" after a fixed delay (the
/// server lives in this process, on the same cores). Every case asks the model (<c>--no-cache</c>): the figure is a
/// first evaluation, not a rerun answered from the response cache. Prints each process's wall time and the median.
/// Args: [rounds] [delay ms] [cases] [path of studio.dll, or of a self-contained publish's studio (default: the Release build of src/WorkflowStudio.Cli)] [more studio eval options].
/// </summary>
public sealed class GEvalCliHarness : IHarness
{
    public string Name => "g-eval-cli";

    public async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var delay = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var cases = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
        var studio = Path.GetFullPath(args.Length > 3 ? args[3] : Path.Combine(RepositoryPaths.Root, "src", "WorkflowStudio.Cli", "bin", "Release", "net10.0", "studio.dll"));
        if (!File.Exists(studio)) throw new FileNotFoundException($"Build the CLI first (dotnet build -c Release src/WorkflowStudio.Cli): {studio} is missing.");

        var folder = Directory.CreateTempSubdirectory("ws-geval-cli-").FullName;
        try
        {
            await using var server = GEvalSet.Server(delay);
            await File.WriteAllTextAsync(Path.Combine(folder, "geval.json"), WorkflowJson.Serialize(GEvalSet.Workflow(ProviderSettings.Model)));
            var csv = new StringBuilder("id,question,expected\n");
            for (var i = 1; i <= cases; i++) csv.Append(CultureInfo.InvariantCulture, $"c{i},{GEvalSet.Question(i)},{GEvalSet.Expected(i)}\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "geval.csv"), csv.ToString());

            var times = new List<double>();
            // One uncounted process first, so every counted one finds the files in the page cache.
            for (var round = 0; round <= rounds; round++)
            {
                var seconds = await EvalAsync(studio, folder, server, args.Skip(4));
                if (round > 0) times.Add(seconds);
                Console.WriteLine($"  {(round == 0 ? "warm-up" : "round " + round)}: {seconds:F3} s");
            }
            times.Sort();
            Console.WriteLine($"g-eval-cli {cases} cases, {delay} ms loopback OpenAI-wire model, concurrency 50, 4 scorers: whole studio eval process median " +
                              $"{times[times.Count / 2]:F3} s (min {times[0]:F3}, max {times[^1]:F3})");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> EvalAsync(string studio, string folder, LoopbackServer server, IEnumerable<string> options)
    {
        // A studio.dll runs on the shared runtime; a self-contained publish's own executable runs as it is.
        var dll = studio.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(dll ? "dotnet" : studio) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = new List<string> { "eval", "geval.json", "--dataset", "geval.csv", "--concurrency", "50", "--models", "configured", "--no-cache" };
        foreach (var scorer in GEvalSet.Scorers) arguments.AddRange(["--scorer", scorer]);
        if (dll) start.ArgumentList.Add(studio);
        foreach (var arg in arguments.Concat(options)) start.ArgumentList.Add(arg);
        // Its own studio file (the model calls and the response cache live there), not the checkout's data folder.
        start.Environment["Studio__DataDirectory"] = Path.Combine(folder, "data");
        foreach (var (key, value) in ProviderSettings.For(server))
            if (value is not null) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        // Exit 0 means the default threshold held: every case passed.
        if (process.ExitCode != 0) throw new InvalidOperationException($"studio eval exited {process.ExitCode}:\n{await output}\n{await error}");
        return clock.Elapsed.TotalSeconds;
    }
}
