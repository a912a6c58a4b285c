namespace WorkflowStudio.Cli.Tests;

/// <summary>`validate` and `run` read a .cs definition as C#, not as malformed JSON.</summary>
public sealed class CSharpFileTests : CliTestBase
{
    private async Task<string> ExportedCSharpAsync(string template)
    {
        var cs = Path.Combine(Dir, template + ".cs");
        Assert.Equal(StudioCli.Ok, (await Studio("export", Template(template), "--cs", "-o", cs)).Code);
        return cs;
    }

    [Fact]
    public async Task Validate_and_run_accept_a_csharp_definition()
    {
        var cs = await ExportedCSharpAsync("rag-qa");

        var (validated, output, error) = await Studio("validate", cs);
        Assert.True(validated == StudioCli.Ok, error);
        Assert.Contains(": ok (", output);

        var (ran, _, runError) = await Studio("run", cs, "-i", "question=How long is the Widget Pro warranty?", "--models", "scripted");
        Assert.True(ran == StudioCli.Ok, runError);
    }

    [Fact]
    public async Task A_csharp_file_that_does_not_read_points_at_its_line_and_column_once()
    {
        var cs = Path.Combine(Dir, "broken.cs");
        File.WriteAllText(cs, "public static class Broken\n{\n    public static object Build() => System.IO.File.ReadAllText(\"x\");\n}\n");

        var (code, _, error) = await Studio("validate", cs);

        Assert.Equal(StudioCli.BadInput, code);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(cs)}:\d+:\d+: error: ", error);
        Assert.DoesNotContain("malformed_json", error);
    }
}
