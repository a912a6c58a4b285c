using System.Text.Json.Nodes;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>The rag-qa template's answer prompt and judge rubric, read from the template so the measurement follows it.</summary>
public sealed record RagPrompt(string System, string User, string Rubric)
{
    public static RagPrompt Load()
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", "rag-qa.json")))!;
        var nodes = template["nodes"]!.AsArray();
        var answer = nodes.Single(n => n!["id"]!.GetValue<string>() == "answer")!;
        var judge = nodes.Single(n => n!["kind"]!.GetValue<string>() == "judge")!;
        return new RagPrompt(answer["system"]!.GetValue<string>(), answer["user"]!.GetValue<string>(), judge["rubric"]!.GetValue<string>());
    }

    public IReadOnlyList<ChatMessage> Messages(string passages, string question) =>
    [
        new(ChatRole.System, System),
        new(ChatRole.User, User.Replace("{{search.text}}", passages, StringComparison.Ordinal).Replace("{{question}}", question, StringComparison.Ordinal)),
    ];

    /// <summary>The judge prompt in the shape the Judge step builds it (rubric, scale, then question, reference and answer as tagged data), plus the expected answer when a row has one.</summary>
    public string JudgePrompt(string question, string context, string answer, string? expected) =>
        $"RUBRIC:\n{Rubric}\n\nSCALE: score from 0.0 (poor) to 1.0 (excellent).\n\n<question>\n{question}\n</question>\n\n<reference>\n{context}\n</reference>\n\n" +
        (expected is null ? "" : $"<expected>\n{expected}\n</expected>\n\n") + $"<answer>\n{answer}\n</answer>";
}
