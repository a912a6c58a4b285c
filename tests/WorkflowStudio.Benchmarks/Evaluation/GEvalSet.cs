using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Benchmarks.Evaluation;

/// <summary>The G-eval work, in process (g-eval) and as a whole CLI process (g-eval-cli): one workflow, cases, scorers, model server.</summary>
internal static class GEvalSet
{
    public static readonly string[] Scorers = ["contains", @"regex:^answer-\d+", "icontains", "levenshtein:10"];

    /// <param name="model">The prompt's model; null for the default, which the in-process test model answers.</param>
    public static Workflow Workflow(string? model) => new WorkflowBuilder("g-eval", "G-eval")
        .Input("question")
        .Prompt("answer", p => (model is null ? p : p.Model(model)).User("Answer: {{question}}"))
        .Output("result", "{{answer.text}}")
        .Edge("question", "answer").Edge("answer", "result")
        .Build();

    public static string Question(int i) => $"Question number {i} about topic ({i % 17})";

    public static string Expected(int i) => $"answer-{i}";

    /// <summary>The OpenAI-wire test server on 127.0.0.1, answering as the in-process test model does, after the delay.</summary>
    public static LoopbackServer Server(int delayMs) => new()
    {
        Delay = TimeSpan.FromMilliseconds(delayMs), KeepRequests = false,
        Responder = r => new TextReply(TopicModelGateway.Answer(r["messages"]!.AsArray()[^1]!["content"]!.ToString())),
    };
}
