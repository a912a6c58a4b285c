namespace WorkflowStudio.Benchmarks.AI;

/// <summary>Deterministic support-article-like text for sizing benchmarks, from a fixed vocabulary.</summary>
internal static class SyntheticText
{
    private static readonly string[] Subjects = ["The widget", "The battery", "The app", "Your order", "The motor", "The warranty", "The router", "A refund", "The charger", "The firmware"];
    private static readonly string[] Verbs = ["needs", "covers", "blocks", "restarts", "updates", "charges", "pairs with", "replaces", "measures", "protects"];
    private static readonly string[] Objects = ["the wall mount", "a spare screw", "the cloud account", "the status light", "the rotor brushes", "the invoice", "the Wi-Fi network", "the serial number", "the turbo mode", "the schedule"];
    private static readonly string[] Tails = ["within ten minutes.", "after a forced restart.", "every night at 3 a.m.", "for two years.", "when the light blinks blue.", "unless the code is E42.", "on the 2.4 GHz band.", "in the Acme Home app."];

    public static string Sentence(Random random) =>
        $"{Subjects[random.Next(Subjects.Length)]} {Verbs[random.Next(Verbs.Length)]} {Objects[random.Next(Objects.Length)]} {Tails[random.Next(Tails.Length)]}";

    /// <summary>Chunks of about 5-8 sentences each, numbered so every one is distinct.</summary>
    public static List<string> Chunks(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => $"Article {seed}-{i}. " + string.Join(" ", Enumerable.Range(0, random.Next(5, 9)).Select(_ => Sentence(random))))
            .ToList();
    }
}
