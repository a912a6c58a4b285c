using System.Diagnostics;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>The samples/ console project: a project of one's own that compiles an exported definition and runs it.</summary>
public class SampleProjectTests
{
    private static readonly string Project = Path.Combine(Repository.Root, "samples", "WorkflowStudio.Sample");

    // The configuration these tests were built in, so Core is already built for the sample and only the sample compiles.
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_sample_builds_and_runs_the_exported_definition()
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Project, "-c", Configuration])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await output + await errors);
        var lines = (await output).Split('\n');
        Assert.Contains("editor done -> pass", lines);
        Assert.Contains(lines, l => l.StartsWith("output article: Answer: Write a short article about espresso grinders.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_compiles_the_template_file_unchanged()
    {
        var project = File.ReadAllText(Path.Combine(Project, "WorkflowStudio.Sample.csproj"));

        Assert.Contains(@"<Compile Include=""..\..\templates\seo-article.cs""", project);
        Assert.True(CSharpCodeParser.Parse(Repository.TemplateCode("seo-article")).Success);
    }
}
