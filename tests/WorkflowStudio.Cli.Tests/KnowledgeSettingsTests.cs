namespace WorkflowStudio.Cli.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// The CLI reads settings like the app: a knowledge base set up for one is found by the other, whether the folder is given
/// on the command line or in the environment, relative to the directory the command runs in.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class KnowledgeSettingsTests : CliTestBase
{
    private const string Flow = """
        {
          "schema": 1, "id": "kb-lookup", "name": "KB lookup",
          "nodes": [
            { "kind": "input", "id": "question" },
            { "kind": "retrieval", "id": "search", "knowledgeBase": "lighthouses", "query": "{{question}}" },
            { "kind": "output", "id": "found", "value": "{{search.text}}" }
          ],
          "edges": [ { "from": "question", "to": "search" }, { "from": "search", "to": "found" } ]
        }
        """;

    private string Workspace()
    {
        var kb = Directory.CreateDirectory(Path.Combine(Dir, "my-kbs", "lighthouses"));
        File.WriteAllText(Path.Combine(kb.FullName, "keepers.md"),
            "# Keepers\n\nThe Skerry Point lighthouse was kept by Mara Olsen for thirty-one years, until the lamp was automated in 1987.\n");
        File.WriteAllText(Path.Combine(Dir, "flow.json"), Flow);
        return Dir;
    }

    [Fact]
    public async Task A_relative_knowledge_folder_on_the_command_line_is_taken_from_the_current_directory()
    {
        var cwd = Workspace();

        var (code, output, error) = await StudioIn(cwd, "run", Path.Combine(cwd, "flow.json"), "-i", "question=Who kept the Skerry Point lighthouse?",
            "--Studio:Knowledge:Directory", "my-kbs", "--Studio:DataDirectory", "data");

        Assert.True(code == StudioCli.Ok, error);
        Assert.Contains("Mara Olsen", output);
        Assert.True(File.Exists(Path.Combine(cwd, "data", "studio.db")), "the base is imported into the database under the data folder taken from the current directory");
    }

    [Fact]
    public async Task A_relative_knowledge_folder_in_the_environment_is_taken_from_the_current_directory()
    {
        var cwd = Workspace();
        Environment.SetEnvironmentVariable("Studio__Knowledge__Directory", "my-kbs");
        Environment.SetEnvironmentVariable("Studio__DataDirectory", "data");
        try
        {
            var (code, output, error) = await StudioIn(cwd, "run", Path.Combine(cwd, "flow.json"), "-i", "question=Who kept the Skerry Point lighthouse?");

            Assert.True(code == StudioCli.Ok, error);
            Assert.Contains("Mara Olsen", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Studio__Knowledge__Directory", null);
            Environment.SetEnvironmentVariable("Studio__DataDirectory", null);
        }
    }

    [Fact]
    public async Task Config_prints_each_setting_with_its_source_and_an_out_of_range_setting_is_refused()
    {
        var cwd = Workspace();

        var (code, output, _) = await StudioIn(cwd, "config", "--Studio:Knowledge:Directory", "my-kbs");
        Assert.Equal(StudioCli.Ok, code);
        Assert.Contains("Studio:Knowledge:Directory = my-kbs  (command line)", output);
        Assert.Contains("Studio:Limits:MaxNodes = 2000  (", output);

        var (refused, _, error) = await StudioIn(cwd, "validate", Template("rag-qa"), "--Studio:Limits:MaxNodes", "0");
        Assert.Equal(StudioCli.BadInput, refused);
        Assert.Contains("Studio:Limits:MaxNodes must be between 1 and 100000", error);
    }

    [Fact]
    public async Task A_missing_config_file_is_named_with_its_full_path()
    {
        var (code, _, error) = await StudioIn(Dir, "validate", Template("rag-qa"), "--config", "nowhere.json");

        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains(Path.Combine(Dir, "nowhere.json"), error);
    }
}
