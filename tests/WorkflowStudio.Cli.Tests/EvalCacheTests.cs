using WorkflowStudio.Cli;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Cli.Tests;

/// <summary>`studio eval` reuses identical answers from the response cache kept in the studio database, unless told <c>--no-cache</c>.</summary>
public sealed class EvalCacheTests : CliTestBase, IAsyncLifetime
{
    private readonly LoopbackServer _server = new() { Responder = request => new TextReply("answer to " + request["messages"]![0]!["content"]) };

    public Task InitializeAsync() => Task.CompletedTask;

    private Task<(int Code, string Out, string Err)> EvalAsync(params string[] extra)
    {
        var workflow = Write("""
            {"schema":1,"id":"ask","name":"Ask","nodes":[
              {"kind":"input","id":"question"},
              {"kind":"prompt","id":"reply","model":"cached-model","user":"{{question}}"},
              {"kind":"output","id":"answer","value":"{{reply.text}}"}],
             "edges":[{"from":"question","to":"reply"},{"from":"reply","to":"answer"}]}
            """);
        var dataset = Path.Combine(Dir, "cases.csv");
        File.WriteAllText(dataset, "id,question,expected\none,first question,answer to first question\ntwo,second question,answer to second question\n");
        return Studio(["eval", workflow, "--dataset", dataset, "--scorer", "exact", .. extra,
            "--Studio:DataDirectory", Path.Combine(Dir, "data"),
            "--Studio:Models:Providers:loopback:Endpoint", _server.Endpoint, "--Studio:Models:Providers:loopback:Models:0", "cached-model"]);
    }

    [Fact]
    public async Task A_rerun_is_answered_from_the_cache_and_no_cache_asks_the_model_again()
    {
        var (code, output, error) = await EvalAsync();
        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Equal(2, _server.ChatRequests);

        // A new process: the answers come from the cache table in the studio database.
        (code, output, error) = await EvalAsync();
        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Equal(2, _server.ChatRequests);

        (code, output, error) = await EvalAsync("--no-cache");
        Assert.True(code == StudioCli.Ok, output + error);
        Assert.Equal(4, _server.ChatRequests);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
