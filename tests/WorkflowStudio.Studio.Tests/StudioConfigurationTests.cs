using Microsoft.Extensions.Configuration;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Studio.Tests;

public sealed class StudioConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("studio-config-").FullName;

    [Fact]
    public void Settings_on_the_command_line_are_taken_out_of_the_commands_arguments()
    {
        var split = StudioConfiguration.Split(["run", "flow.json", "--Studio:Knowledge:Directory", "kb", "--config=extra.json", "--Studio__Limits__MaxNodes=5", "--json"]);

        Assert.Equal(["run", "flow.json", "--json"], split.Rest);
        Assert.Equal("extra.json", split.ConfigFile);
        Assert.Equal(["--Studio:Knowledge:Directory=kb", "--Studio:Limits:MaxNodes=5"], split.Settings);
        Assert.Throws<StudioSettingsException>(() => StudioConfiguration.Split(["--Studio:Limits:MaxNodes"]));
    }

    [Fact]
    public void Later_sources_win_and_each_relative_path_starts_where_it_was_set()
    {
        var repo = Directory.CreateDirectory(Path.Combine(_dir, "repo")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;
        var settings = Path.Combine(repo, "appsettings.json");
        File.WriteAllText(settings, """{ "Studio": { "DataDirectory": "data", "Knowledge": { "Directory": "templates/knowledge" }, "Limits": { "MaxNodes": 10 } } }""");
        File.WriteAllText(Path.Combine(work, "extra.json"), """{ "Studio": { "Limits": { "MaxNodes": 20 } } }""");

        var configuration = StudioConfiguration.Build(settings,
            StudioConfiguration.Split(["--config", "extra.json", "--Studio:Knowledge:Directory", "my-kb"]), work);
        var paths = StudioPaths.From(configuration, work, repo);

        Assert.Equal("20", configuration["Studio:Limits:MaxNodes"]);
        Assert.Equal(Path.Combine(repo, "data"), paths.DataDirectory);
        Assert.Equal(Path.Combine(work, "my-kb"), paths.ResolveSetting(configuration, "Studio:Knowledge:Directory", "ignored"));
        Assert.Equal("command line", SettingOrigin.Of(configuration, "Studio:Knowledge:Directory")!.Source);
        Assert.Equal(Path.Combine(work, "extra.json"), SettingOrigin.Of(configuration, "Studio:Limits:MaxNodes")!.Source);
    }

    [Fact]
    public void A_missing_settings_file_names_the_full_path_it_looked_in()
    {
        var error = Assert.Throws<StudioSettingsException>(() =>
            StudioConfiguration.Build(Path.Combine(_dir, "nope.json"), StudioConfiguration.Split([]), _dir));
        Assert.Contains(Path.Combine(_dir, "nope.json"), error.Message);

        File.WriteAllText(Path.Combine(_dir, "appsettings.json"), "{}");
        var extra = Assert.Throws<StudioSettingsException>(() =>
            StudioConfiguration.Build(Path.Combine(_dir, "appsettings.json"), StudioConfiguration.Split(["--config", "missing.json"]), _dir));
        Assert.Contains(Path.Combine(_dir, "missing.json"), extra.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
