using FsCheck;
using FsCheck.Fluent;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>
/// Random workflows built from the node catalogue, so every kind and every setting is covered without naming them:
/// hostile text, extreme numbers, loops, dotted ids, positions.
/// </summary>
public static class RandomWorkflows
{
    private static readonly string[] Fragments =
    [
        "", "a", "Write about {{keyword}}.", "\"", "\"\"\"", "\"\"\"\"\"\"\"", "\\", "\\n", "{", "}", "{{", "}}", "{{ writer.text }}",
        "\n", "\n\n", "\r\n", "\r", "\t", "\0", "\a\b\f\v", "\u007F", "\u0085", "\u2028", "\u2029", "\u202E", "\uFEFF", "\u00A0",
        "\u200B", "😀", "👩‍💻", "\uD800", "\uDC00", "日本語", "עברית", "e\u0301", " ", "   ", "*/", "/*", "//", "#if DEBUG", "#endif",
        "$\"{x}\"", "@\"", "u8", "'", "`", ");", "Process.Start(\"x\")", "\uE000", "\U0001F9EA", "\uFFFF",
        "line one\nline two", "  indented\n    more\n", "ends with space \nnext",
    ];

    public static Gen<string> Text { get; } = Gen.OneOf(
        Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts)),
        Gen.ListOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c)).Select(chars => new string([.. chars])),
        Gen.Elements("You are a helpful assistant.", "Summarise:\n{{input}}\n\nKeep it short.", "x"));

    private static Gen<double> Double { get; } = Gen.OneOf(
        Gen.Choose(-2_000_000, 2_000_000).Select(i => i / 1000.0),
        Gen.Choose(0, 100).Select(i => i / 100.0),
        Gen.Elements(0.0, -0.0, 0.1, 1.0 / 3, 1e-7, 1e20, -1e300, double.MaxValue, double.Epsilon, 123456789.123456789, 0.7));

    private static Gen<int> Int { get; } = Gen.OneOf(
        Gen.Choose(0, 10),
        Gen.Choose(-1_000_000, 1_000_000),
        Gen.Elements(int.MinValue, int.MaxValue, -1, 1024, 20_000));

    private static Gen<string> Word { get; } = Gen.OneOf(
        Gen.Elements("keyword", "writer", "editor", "research", "answer", "triage", "a", "b", "n1", "seo-article", "step 2", "x.y"),
        Text.Where(s => s.Length > 0));

    public static Gen<Workflow> Workflow { get; } =
        from id in Word
        from sameName in Gen.Elements(true, false)
        from name in Text
        from description in Text.OrNull()
        from nodeCount in Gen.Sized(size => Gen.Choose(0, Math.Max(1, Math.Min(size / 4, 25))))
        from ids in Gen.ListOf(Word, nodeCount)
        from nodes in Gen.CollectToList(Unique(ids), Node)
        from edges in Edges(nodes)
        from layout in Layout(nodes)
        select new Workflow(id, sameName ? id : name)
        {
            Description = description,
            Nodes = nodes.ToValueList(),
            Edges = edges.ToValueList(),
            Layout = layout,
        };

    public static Arbitrary<Workflow> Workflows() => Arb.From(Workflow);

    private static IEnumerable<string> Unique(IEnumerable<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            var candidate = id;
            while (!seen.Add(candidate)) candidate = $"{id}_{i++}";
            yield return candidate;
        }
    }

    private static Gen<Node> Node(string id) =>
        from descriptor in Gen.Elements(NodeCatalog.All.ToArray())
        from node in Settings(descriptor, descriptor.Create(id))
        select node;

    private static Gen<Node> Settings(NodeDescriptor descriptor, Node node)
    {
        var gen = Gen.Constant(node);
        foreach (var setting in descriptor.Settings)
            gen = from current in gen
                  from change in Gen.Elements(true, false)
                  from value in change ? Value(setting) : Gen.Constant(setting.Get(current))
                  select descriptor.With(current, setting, value);
        return gen;
    }

    private static Gen<object?> Value(SettingDescriptor setting)
    {
        var type = Nullable.GetUnderlyingType(setting.ValueType) ?? setting.ValueType;
        var mayBeNull = setting.DefaultValue is null;
        Gen<object?> value;
        if (type == typeof(string)) value = Text.Select(s => (object?)s);
        else if (type == typeof(int)) value = Int.Select(i => (object?)i);
        else if (type == typeof(double)) value = Double.Select(d => (object?)d);
        else if (type == typeof(bool)) value = Gen.Elements<object?>(true, false);
        else if (type.IsEnum) value = Gen.Elements(Enum.GetValues(type).Cast<object?>().ToArray());
        else if (type == typeof(ValueMap<string>))
            value = Gen.ListOf(Gen.Zip(Word, Text)).Select(pairs => (object?)ValueMap<string>.From(
                pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2))));
        else throw new InvalidOperationException($"The random workflows do not know how to make a {type.Name} for {setting.Name}.");
        return mayBeNull ? Gen.Frequency((1, Gen.Constant<object?>(null)), (3, value)) : value;
    }

    private static Gen<List<Edge>> Edges(List<Node> nodes)
    {
        if (nodes.Count == 0) return Gen.Constant(new List<Edge>());
        var ids = nodes.Select(n => n.Id).Append("missing").ToArray();
        var edge =
            from source in Gen.Elements(ids)
            from port in Gen.OneOf(
                Gen.Elements(nodes.SelectMany(n => n.Descriptor.OutputPorts).Append(PortNames.Out).Distinct().ToArray()),
                Word.Where(w => !w.Contains('.')))
            from to in Gen.Elements(ids)
            from maxLoops in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 10).Select(i => (int?)i)))
            select new Edge(source, to, port, maxLoops);
        return Gen.ListOf(edge, nodes.Count * 2).SelectMany(all => Gen.SubListOf(all.ToArray())).Select(list => list.ToList());
    }

    private static Gen<ValueMap<Position>> Layout(List<Node> nodes) =>
        from placed in Gen.SubListOf(nodes.Select(n => n.Id).ToArray())
        from positions in Gen.ListOf(Gen.Zip(Double, Double), placed.Count)
        select ValueMap<Position>.From(placed.Zip(positions, (id, p) => KeyValuePair.Create(id, new Position(p.Item1, p.Item2))));
}
