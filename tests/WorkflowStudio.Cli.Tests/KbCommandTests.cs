namespace WorkflowStudio.Cli.Tests;

/// <summary>`studio kb` over a real database in a temp data folder, through the same library as the Knowledge page.</summary>
public sealed class KbCommandTests : CliTestBase
{
    private string[] Isolated(params string[] args) =>
        [.. args, "--Studio:DataDirectory", Path.Combine(Dir, "data"), "--Studio:Knowledge:Directory", Path.Combine(Dir, "no-folders")];

    private string Docs()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "docs"));
        File.WriteAllText(Path.Combine(folder.FullName, "phone.md"), "# Phone\n\nCall the help desk on 0800 555 0199 on weekdays from 8 am.");
        File.WriteAllText(Path.Combine(folder.FullName, "refunds.txt"), "Refunds reach your card within 5 working days of the return arriving.");
        return folder.FullName;
    }

    [Fact]
    public async Task Add_creates_the_base_indexes_a_folder_and_query_and_list_read_it_back()
    {
        var (code, output, error) = await Studio(Isolated("kb", "add", "help", Docs(), "--top-k", "2"));
        Assert.True(code == StudioCli.Ok, error);
        Assert.Contains("created knowledge base help", output);
        Assert.Contains("help: 2 added; now 2 documents", output);

        var (listed, list, _) = await Studio(Isolated("kb", "list"));
        Assert.Equal(StudioCli.Ok, listed);
        Assert.Contains("help  2 documents  2 passages  chunk 700/150  weight 0.6  top-k 2", list);

        var (queried, answer, queryError) = await Studio(Isolated("kb", "query", "help", "What number do I call?"));
        Assert.True(queried == StudioCli.Ok, queryError);
        var lines = answer.Split('\n');
        Assert.StartsWith("#1 phone.md passage 1  fused 0.", lines[0]);
        Assert.Contains("vector 0.", lines[0]);
        Assert.Contains("keyword ", lines[0]);
        var second = Array.FindIndex(lines, l => l.StartsWith("#2 refunds.txt", StringComparison.Ordinal));
        Assert.True(second > 0, answer);
        Assert.Contains("0800 555 0199", string.Join("\n", lines[1..second]));
    }

    [Fact]
    public async Task Bad_files_are_named_with_a_reason_the_good_ones_still_go_in_and_the_exit_code_is_2()
    {
        var docs = Docs();
        File.WriteAllText(Path.Combine(Dir, "slides.pptx"), "x");
        File.WriteAllText(Path.Combine(Dir, "empty.md"), "");

        var (code, output, error) = await Studio(Isolated("kb", "add", "help", Path.Combine(docs, "phone.md"), Path.Combine(Dir, "slides.pptx"), Path.Combine(Dir, "empty.md"), Path.Combine(Dir, "missing.md")));

        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("error: slides.pptx: .pptx files are not accepted", error);
        Assert.Contains("error: empty.md: The file is empty.", error);
        Assert.Contains("missing.md: No such file.", error);
        Assert.Contains("help: 1 added; now 1 documents", output);
    }

    [Fact]
    public async Task Remove_takes_out_a_document_or_the_whole_base_and_unknown_names_are_clear_errors()
    {
        await Studio(Isolated("kb", "add", "help", Docs()));

        var (removedDoc, doc, _) = await Studio(Isolated("kb", "remove", "help", "--document", "refunds.txt"));
        Assert.Equal(StudioCli.Ok, removedDoc);
        Assert.Contains("removed refunds.txt from help", doc);
        Assert.Contains("help  1 documents", (await Studio(Isolated("kb", "list"))).Out);

        var (removed, _, _) = await Studio(Isolated("kb", "remove", "help"));
        Assert.Equal(StudioCli.Ok, removed);
        Assert.Contains("no knowledge bases", (await Studio(Isolated("kb", "list"))).Out);

        var (missing, _, error) = await Studio(Isolated("kb", "query", "help", "anything"));
        Assert.Equal(StudioCli.BadInput, missing);
        Assert.Contains("There is no knowledge base named 'help'", error);
    }
}
