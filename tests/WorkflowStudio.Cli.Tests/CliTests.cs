using System.Text.Json;
using WorkflowStudio.Cli;

namespace WorkflowStudio.Cli.Tests;

/// <summary>Runs `studio` in-process with captured output, in a temporary folder of its own.</summary>
public abstract class CliTestBase : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("studio-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static string Template(string name) => Path.Combine(AppContext.BaseDirectory, "templates", name + ".json");

    protected string Write(string json)
    {
        var path = Path.Combine(Dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    protected static Task<(int Code, string Out, string Err)> Studio(params string[] args) => StudioIn(null, args);

    /// <summary>Runs `studio` as if started in <paramref name="currentDirectory"/> (null: this process's own).</summary>
    protected static async Task<(int Code, string Out, string Err)> StudioIn(string? currentDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await StudioCli.RunAsync(args, output, error, currentDirectory: currentDirectory);
        return (code, output.ToString(), error.ToString());
    }
}

public class CliTests : CliTestBase
{
    [Theory]
    [InlineData("seo-article")]
    [InlineData("rag-qa")]
    [InlineData("support-triage")]
    public async Task Validate_accepts_every_template(string template)
    {
        var (code, output, error) = await Studio("validate", Template(template));
        Assert.Equal(StudioCli.Ok, code);
        Assert.Contains(": ok (", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Malformed_json_is_a_clear_error_with_its_line()
    {
        var path = Write("{\n  \"schema\": 1,\n  \"id\": \"w\"\n  \"name\": \"w\"\n}");
        var (code, _, error) = await Studio("validate", path);
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains($"{path}: error malformed_json", error);
        Assert.Contains("line 4", error);
        // One convention: the studio's 1-based line and column, not also the JSON reader's 0-based "LineNumber: 3".
        Assert.DoesNotContain("LineNumber", error);
        Assert.DoesNotContain("BytePositionInLine", error);
    }

    [Fact]
    public async Task Help_for_a_command_that_does_not_exist_fails()
    {
        var (code, _, error) = await Studio("evall", "--help");
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("evall", error);

        Assert.Equal(StudioCli.Ok, (await Studio("eval", "--help")).Code);
    }

    [Fact]
    public async Task Unknown_kind_names_the_node()
    {
        var (code, _, error) = await Studio("validate", Write("""{"schema":1,"id":"w","name":"w","nodes":[{"kind":"magic","id":"m"}]}"""));
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("error unknown_kind [m.kind]", error);
        Assert.Contains("unknown kind 'magic'", error);
    }

    [Fact]
    public async Task Dangling_edges_and_unbounded_loops_are_listed_with_their_places()
    {
        var path = Write("""
            {"schema":1,"id":"w","name":"w",
             "nodes":[{"kind":"input","id":"q"},{"kind":"prompt","id":"p","user":"{{q}}"},{"kind":"judge","id":"j","rubric":"r"}],
             "edges":[{"from":"q","to":"p"},{"from":"p","to":"j"},{"from":"j","port":"fail","to":"p"},{"from":"p","to":"ghost"}]}
            """);
        var (code, _, error) = await Studio("validate", path);
        Assert.Equal(StudioCli.Failed, code);
        Assert.Contains("error dangling_edge [p.edges]: The link p -> ghost goes to 'ghost'", error);
        Assert.Contains("error unbounded_loop [j.edges]", error);
    }

    [Fact]
    public async Task A_missing_file_is_reported()
    {
        var (code, _, error) = await Studio("validate", Path.Combine(Dir, "nope.json"));
        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("does not exist", error);
    }

    [Theory]
    [InlineData("seo-article", "keyword=smart widgets", "article:")]
    [InlineData("rag-qa", "question=How long is the warranty on Widget Pro?", "three-year warranty")]
    [InlineData("support-triage", "ticket=I was charged twice on my invoice", "pending authorisation")]
    public async Task Every_template_runs_end_to_end_with_the_offline_model(string template, string input, string expected)
    {
        var (code, output, error) = await Studio("run", Template(template), "--input", input);
        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Contains("completed in", output);
        Assert.Contains(expected, output);
        Assert.Contains("offline", output);
    }

    [Theory]
    [InlineData("seo-article", "keyword=solar")]
    [InlineData("rag-qa", "question=Can I return it?")]
    [InlineData("support-triage", "ticket=The app crashes")]
    public async Task Every_template_runs_with_the_in_process_test_gateway_as_json_lines(string template, string input)
    {
        var (code, output, _) = await Studio("run", Template(template), "-i", input, "--json", "--models", "scripted");
        Assert.Equal(StudioCli.Ok, code);
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("runStarted", events[0].GetProperty("type").GetString());
        Assert.Equal("runCompleted", events[^1].GetProperty("type").GetString());
        var sequence = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), sequence);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "nodeCompleted");
    }

    [Fact]
    public async Task Bad_input_syntax_and_missing_inputs_fail_clearly()
    {
        var (badCode, _, badError) = await Studio("run", Template("rag-qa"), "--input", "question");
        Assert.Equal(StudioCli.BadInput, badCode);
        Assert.Contains("must look like name=value", badError);

        var (code, output, _) = await Studio("run", Template("rag-qa"));
        Assert.Equal(StudioCli.Failed, code);
        Assert.Contains("failed [invalid_input]", output);
        Assert.Contains("'question' is required", output);
    }

    [Fact]
    public async Task An_invalid_workflow_is_not_run()
    {
        var (code, output, error) = await Studio("run", Write("""{"schema":1,"id":"w","name":"w","nodes":[{"kind":"prompt","id":"p","user":"{{nobody}}"}]}"""));
        Assert.Equal(StudioCli.Failed, code);
        Assert.Contains("unknown_variable [p.User]", error);
        Assert.DoesNotContain("run ", output);
    }
}

public class CliCodeTests : CliTestBase
{
    [Theory]
    [InlineData("seo-article")]
    [InlineData("rag-qa")]
    [InlineData("support-triage")]
    public async Task Export_to_csharp_and_import_back_gives_the_same_file(string template)
    {
        var json = Template(template);
        var cs = Path.Combine(Dir, template + ".cs");
        var back = Path.Combine(Dir, template + ".json");

        Assert.Equal(StudioCli.Ok, (await Studio("export", json, "--cs", "-o", cs)).Code);
        Assert.Contains("new WorkflowBuilder(", File.ReadAllText(cs));
        var (code, _, error) = await Studio("import", cs, "-o", back);
        Assert.True(code == StudioCli.Ok, error);
        Assert.Equal(File.ReadAllText(json), File.ReadAllText(back));
    }

    [Fact]
    public async Task Export_json_prints_the_canonical_file()
    {
        var json = Template("rag-qa");
        var (code, output, _) = await Studio("export", json, "--json");
        Assert.Equal(StudioCli.Ok, code);
        Assert.Equal(File.ReadAllText(json), output);
    }

    [Fact]
    public async Task Import_reports_code_outside_the_subset_with_line_and_column_and_runs_nothing()
    {
        var cs = Path.Combine(Dir, "evil.cs");
        File.WriteAllText(cs, """
            using WorkflowStudio.Core.Building;
            using WorkflowStudio.Core.Model;

            public static class Evil
            {
                public static Workflow Build() => new WorkflowBuilder("evil")
                    .Input(System.IO.File.ReadAllText("/etc/passwd"))
                    .Build();
            }
            """);
        var (code, output, error) = await Studio("import", cs);
        Assert.Equal(StudioCli.Failed, code);
        Assert.Equal("", output);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(cs)}:7:\d+: error: ", error);
    }
}
