using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.AI.Knowledge;

namespace WorkflowStudio.AI.Tests.Quality;

public enum Split { Calibration, Test }

/// <summary>A hand-written question about one of the quality knowledge bases, with the facts a right answer must contain.</summary>
public sealed record LabelledQuestion(
    string Id, string Category, string Question, IReadOnlyList<string> Facts, IReadOnlyList<string> Articles, IReadOnlyList<string>? Avoid)
{
    [JsonIgnore] public string KnowledgeBase { get; init; } = "";

    [JsonIgnore] public Split Split { get; init; }

    public bool IsAnswerable => Category != "unanswerable";
}

/// <summary>A hand-labelled verdict on an answer to one of the questions: "pass" or "fail", and which kind of answer it is.</summary>
public sealed record JudgeRow(string Q, string Kind, string Verdict, string Answer, string? Expected, IReadOnlyList<string>? Context)
{
    [JsonIgnore] public LabelledQuestion Question { get; init; } = null!;

    [JsonIgnore] public Split Split { get; init; }

    public bool HumanPasses => Verdict == "pass";
}

/// <summary>
/// One knowledge base of the quality sets (tests/WorkflowStudio.AI.Tests/QualitySets/NAME): its articles, questions
/// and judge rows. Within each category (or judge kind) the rows alternate between the calibration and test splits,
/// so both splits have every category and neither was chosen by looking at results.
/// </summary>
public sealed record QualitySet(string Name, IReadOnlyList<SourceDocument> Articles, IReadOnlyList<LabelledQuestion> Questions, IReadOnlyList<JudgeRow> JudgeRows)
{
    public static readonly string[] Names = ["nimbus", "pedalo"];

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static QualitySet Load(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "QualitySets", name);
        var articles = Directory.EnumerateFiles(Path.Combine(folder, "articles"), "*.md").Order(StringComparer.Ordinal)
            .Select(f => new SourceDocument(Path.GetFileName(f), File.ReadAllText(f), IsMarkdown: true))
            .ToList();
        var questions = Alternate(Read<LabelledQuestion>(folder, "questions.json"), q => q.Category,
            (q, split) => q with { KnowledgeBase = name, Split = split });
        var byId = questions.ToDictionary(q => q.Id);
        var rows = Alternate(Read<JudgeRow>(folder, "judge.json"), r => r.Kind,
            (r, split) => r with { Question = byId[r.Q], Split = split });
        return new QualitySet(name, articles, questions, rows);
    }

    private static List<T> Read<T>(string folder, string file) =>
        JsonSerializer.Deserialize<List<T>>(File.ReadAllText(Path.Combine(folder, file)), Json)!;

    private static List<T> Alternate<T>(List<T> rows, Func<T, string> group, Func<T, Split, T> assign)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return rows.Select(r =>
        {
            var index = seen[group(r)] = seen.GetValueOrDefault(group(r)) + 1;
            return assign(r, index % 2 == 1 ? Split.Calibration : Split.Test);
        }).ToList();
    }
}
