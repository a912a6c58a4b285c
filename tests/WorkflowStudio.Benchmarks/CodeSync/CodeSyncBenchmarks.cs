using BenchmarkDotNet.Attributes;
using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Benchmarks.CodeSync;

/// <summary>
/// Workflow → C# and C# → workflow for a 500-node workflow: the designer syncs on every keystroke pause, so both
/// should stay under 50 ms.
/// </summary>
[MemoryDiagnoser]
public class CodeSyncBenchmarks
{
    private Workflow _workflow = null!;
    private string _code = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workflow = LargeWorkflow(100);
        _code = CSharpCodeGenerator.Generate(_workflow);
        if (CSharpCodeParser.Parse(_code).Workflow != CanonicalForm.Of(_workflow))
            throw new InvalidOperationException("The benchmark workflow does not round-trip.");
    }

    [Benchmark]
    public string Generate() => CSharpCodeGenerator.Generate(_workflow);

    [Benchmark]
    public Workflow? Parse() => CSharpCodeParser.Parse(_code).Workflow;

    /// <summary>
    /// <paramref name="lanes"/> lanes of five nodes (input, retrieval, prompt, judge, output) with multi-line prompts,
    /// a rewrite loop per lane, a link from each lane to the next, and a position for every node.
    /// </summary>
    public static Workflow LargeWorkflow(int lanes)
    {
        var builder = new WorkflowBuilder("large", "Five hundred nodes").Description("A benchmark workflow.");
        var layout = new List<(string, double, double)>();
        for (var i = 0; i < lanes; i++)
        {
            builder
                .Input($"question{i}", n => n.Description($"Question number {i}"))
                .Retrieval($"search{i}", n => n.KnowledgeBase("docs").Query($"{{{{question{i}}}}}").TopK(i % 10 + 1))
                .Prompt($"answer{i}", n => n
                    .System("Answer only from the context.\nSay \"I do not know\" when it is not there.")
                    .User($"Context:\n{{{{search{i}.text}}}}\n\nQuestion: {{{{question{i}}}}}")
                    .Temperature(i % 20 / 10.0))
                .Judge($"check{i}", n => n.Rubric("Grounded in the context.").Scale(JudgeScale.OneToFive).PassAt(0.6))
                .Output($"reply{i}", $"{{{{answer{i}.text}}}}")
                .Edge($"question{i}", $"search{i}").Edge($"search{i}", $"answer{i}").Edge($"answer{i}", $"check{i}")
                .Edge($"check{i}.pass", $"reply{i}").Edge($"check{i}.fail", $"answer{i}", maxLoops: 2);
            if (i > 0) builder.Edge($"answer{i - 1}", $"answer{i}");
            foreach (var (node, column) in new[] { ("question", 0), ("search", 1), ("answer", 2), ("check", 3), ("reply", 4) })
                layout.Add(($"{node}{i}", 40 + column * 260, 80 + i * 140.5));
        }
        return builder.Layout([.. layout]).Build();
    }
}
