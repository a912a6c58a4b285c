using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>Generated code with random damage: the parser never throws, and whatever it accepts is a workflow the generator writes back exactly.</summary>
public class FuzzTests
{
    private static readonly string[] Fragments =
    [
        "x", "(", ")", "\"", "\"\"\"", "\n\"\"\"\n", ".Foo()", ";", ",", "=>", "{", "}", "//", "/*", "*/", "$\"{a}\"", "null", "1e999", "-", ".",
        "\n", "JudgeScale.", ".Build()", "#if X\n", "@\"", "'", "u8", "\\", "\\u", "p => p", "new ", "default", "(\"a\", 1, 2)", ".Input(\"n\")",
        ".Edge(\"a.b.c\", \"d\")", "maxLoops: ", "2147483648", "static ", "async ", "\uD800", "😀", "\0", "\u2028", "global::", "?.",
    ];

    private sealed record Mutation(int Kind, double At, double Other, string Fragment);

    private static readonly Gen<Mutation> Mutations =
        from kind in Gen.Choose(0, 3)
        // Positions are fractions in [0, 1) of the code or its lines: Choose is inclusive, and 1 would point past the last line.
        from at in Gen.Choose(0, 999_999)
        from other in Gen.Choose(0, 999_999)
        from fragment in Gen.Elements(Fragments)
        select new Mutation(kind, at / 1e6, other / 1e6, fragment);

    private static readonly Gen<(Workflow Workflow, Mutation[] Mutations)> Cases =
        from workflow in RandomWorkflows.Workflow
        from count in Gen.Choose(1, 3)
        from mutations in Gen.ArrayOf(Mutations, count)
        select (workflow, mutations);

    [Property(MaxTest = 1000)]
    public Property Damaged_code_never_throws_and_what_parses_writes_back() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var code = c.Mutations.Aggregate(CSharpCodeGenerator.Generate(c.Workflow), Apply);

            var result = CSharpCodeParser.Parse(code);

            if (!result.Success)
            {
                Assert.NotEmpty(result.Diagnostics);
                Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1 && d.Message.Length > 0));
                return;
            }
            Assert.Empty(result.Diagnostics);
            var again = CSharpCodeParser.Parse(CSharpCodeGenerator.Generate(result.Workflow));
            Assert.Equal(result.Workflow, again.Workflow);
        });

    private static string Apply(string code, Mutation m)
    {
        var at = (int)(m.At * code.Length);
        var lines = code.Split('\n').ToList();
        var line = (int)(m.At * lines.Count);
        var other = (int)(m.Other * lines.Count);
        switch (m.Kind)
        {
            case 0:
                return code.Remove(at, Math.Min(code.Length - at, 1 + (int)(m.Other * 20)));
            case 1:
                return code.Insert(at, m.Fragment);
            case 2:
                lines.Insert(other, lines[line]);
                return string.Join('\n', lines);
            default:
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return string.Join('\n', lines);
        }
    }
}
