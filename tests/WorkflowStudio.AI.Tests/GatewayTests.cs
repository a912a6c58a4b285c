using System.Text.Json.Nodes;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>The model gateway through Semantic Kernel to the OpenAI-wire-compatible loopback server, over real HTTP.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private readonly LoopbackServer _server = new();
    private readonly string _keyVariable = "WS_TEST_KEY_" + Guid.NewGuid().ToString("N");
    private Studio _studio = null!;

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test-secret");
        _studio = CreateStudio();
        return Task.CompletedTask;
    }

    private Studio CreateStudio(double timeoutSeconds = 5, int maxRetries = 2, string? fallback = null, int maxToolRounds = 5)
    {
        var settings = ProviderSettings.For(_server, timeoutSeconds, maxRetries, maxToolRounds, _keyVariable, fallback);
        settings["Studio:Models:Providers:nokey:Endpoint"] = _server.Endpoint;
        settings["Studio:Models:Providers:nokey:ApiKeyEnv"] = "WS_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        settings["Studio:Models:Providers:nokey:Models:0"] = "locked-model";
        settings["Studio:Models:Providers:azure:Kind"] = "AzureOpenAI";
        settings["Studio:Models:Providers:azure:Endpoint"] = _server.BaseUri.ToString();
        settings["Studio:Models:Providers:azure:ApiKeyEnv"] = _keyVariable;
        settings["Studio:Models:Providers:azure:Models:0"] = "my-deployment";
        return new Studio(settings);
    }

    private IModelGateway Gateway => _studio.Get<IModelGateway>();

    private static ModelRequest Ask(string text, bool stream = false) =>
        new("test-model", [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, text)]) { Stream = stream };

    [Fact]
    public async Task A_plain_completion_returns_the_text_usage_and_cost()
    {
        _server.Enqueue(new TextReply("Paris is the capital of France.", PromptTokens: 12, CompletionTokens: 8));

        var response = await Gateway.CompleteAsync(Ask("Capital of France?"), null, CancellationToken.None);

        Assert.Equal("Paris is the capital of France.", response.Text);
        Assert.Equal("test-model", response.Model);
        Assert.Equal(12, response.InputTokens);
        Assert.Equal(8, response.OutputTokens);
        Assert.Equal(ProviderSettings.Cost(12, 8), response.Cost);
        Assert.NotNull(response.TimeToFirstToken);
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("test-model", sent["model"]!.ToString());
        Assert.Equal("Capital of France?", sent["messages"]![1]!["content"]!.ToString());
    }

    [Fact]
    public async Task A_streamed_completion_delivers_chunks_to_the_callback()
    {
        _server.Enqueue(new TextReply("one two three four five"));
        var deltas = new List<string>();

        var response = await Gateway.CompleteAsync(Ask("Count", stream: true), deltas.Add, CancellationToken.None);

        Assert.True(deltas.Count > 1);
        Assert.Equal("one two three four five", string.Concat(deltas));
        Assert.Equal("one two three four five", response.Text);
        Assert.True(response.InputTokens > 0);
        Assert.True(response.OutputTokens > 0);
        Assert.Equal(true, _server.Requests.Single()["stream"]?.GetValue<bool>());
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_and_then_succeeds()
    {
        _server.Enqueue(new StatusReply(429, RetryAfter: "0"), new TextReply("ok after waiting"));

        var response = await Gateway.CompleteAsync(Ask("hi"), null, CancellationToken.None);

        Assert.Equal("ok after waiting", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_fails_at_once_as_transient()
    {
        _server.Enqueue(new StatusReply(429, RetryAfter: "3600"));

        var error = await Assert.ThrowsAsync<ModelException>(() => Gateway.CompleteAsync(Ask("hi"), null, CancellationToken.None).AsTask());

        Assert.Equal("rate_limited", error.Code);
        Assert.True(error.Transient);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_surface_as_a_transient_model_exception()
    {
        _server.Enqueue(new StatusReply(500), new StatusReply(502), new StatusReply(503));

        var error = await Assert.ThrowsAsync<ModelException>(() => Gateway.CompleteAsync(Ask("hi"), null, CancellationToken.None).AsTask());

        Assert.Equal("provider_error", error.Code);
        Assert.True(error.Transient);
        Assert.Contains("3 attempts", error.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_provider_that_hangs_past_the_timeout_fails_as_a_transient_timeout()
    {
        using var studio = CreateStudio(timeoutSeconds: 0.5, maxRetries: 0);
        _server.Enqueue(new HangReply());

        var error = await Assert.ThrowsAsync<ModelException>(() =>
            studio.Get<IModelGateway>().CompleteAsync(Ask("hi"), null, CancellationToken.None).AsTask());

        Assert.Equal("timeout", error.Code);
        Assert.True(error.Transient);
    }

    [Fact]
    public async Task A_stream_cut_midway_is_reported_after_the_text_already_shown_and_not_retried()
    {
        _server.Enqueue(new CutStreamReply("alpha beta gamma delta epsilon"));
        var deltas = new List<string>();

        var error = await Assert.ThrowsAsync<ModelException>(() =>
            Gateway.CompleteAsync(Ask("go", stream: true), deltas.Add, CancellationToken.None).AsTask());

        Assert.Equal(ModelErrors.StreamInterrupted, error.Code);
        Assert.NotEmpty(deltas);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_malformed_response_body_is_a_clear_non_transient_error()
    {
        _server.Enqueue(new MalformedReply());

        var error = await Assert.ThrowsAsync<ModelException>(() => Gateway.CompleteAsync(Ask("hi"), null, CancellationToken.None).AsTask());

        Assert.Equal("bad_response", error.Code);
        Assert.False(error.Transient);
        Assert.Contains("test-model", error.Message);
    }

    private const string CitySchema = """{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},"required":["city","population"]}""";

    [Fact]
    public async Task Invalid_json_for_a_schema_gets_one_repair_attempt()
    {
        _server.Enqueue(new TextReply("The city is Paris."), new TextReply("""{"city":"Paris","population":2100000}"""));

        var response = await Gateway.CompleteAsync(Ask("City?") with { JsonSchema = CitySchema }, null, CancellationToken.None);

        Assert.Equal("Paris", JsonNode.Parse(response.Text)!["city"]!.ToString());
        Assert.Equal(2, _server.Requests.Count);
        var first = _server.Requests.First();
        Assert.Equal("json_schema", first["response_format"]?["type"]?.ToString());
        var repair = _server.Requests.Last()["messages"]!.AsArray();
        Assert.Contains("does not match the required JSON schema", repair[^1]!["content"]!.ToString());
        Assert.Equal(11 + 11, response.InputTokens);
        Assert.Equal(7 + 7, response.OutputTokens);
    }

    [Fact]
    public async Task Json_that_stays_invalid_after_the_repair_is_a_clear_error()
    {
        _server.Enqueue(new TextReply("{\"city\": \"Paris\"}"), new TextReply("still not it"));

        var error = await Assert.ThrowsAsync<ModelException>(() =>
            Gateway.CompleteAsync(Ask("City?") with { JsonSchema = CitySchema }, null, CancellationToken.None).AsTask());

        Assert.Equal("invalid_json", error.Code);
        Assert.False(error.Transient);
        Assert.Contains("even after one repair attempt", error.Message);
    }

    [Fact]
    public async Task Json_wrapped_in_a_code_fence_is_accepted_without_a_repair()
    {
        _server.Enqueue(new TextReply("```json\n{\"city\":\"Oslo\",\"population\":700000}\n```"));

        var response = await Gateway.CompleteAsync(Ask("City?") with { JsonSchema = CitySchema }, null, CancellationToken.None);

        Assert.Equal("""{"city":"Oslo","population":700000}""", response.Text);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Function_calls_run_the_registry_tool_and_send_its_result_back(bool stream)
    {
        _server.Enqueue(new ToolCallReply("calculator", """{"expression":"6*7"}"""), new TextReply("The answer is 42."));
        var calculator = _studio.Get<IToolRegistry>().Find("calculator")!.Descriptor;

        var response = await Gateway.CompleteAsync(Ask("What is six times seven?", stream) with { Tools = [calculator] }, null, CancellationToken.None);

        Assert.Equal("The answer is 42.", response.Text);
        var requests = _server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("calculator", requests[0]["tools"]![0]!["function"]!["name"]!.ToString());
        var toolMessage = requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.ToString() == "tool")!;
        Assert.Equal("call_1", toolMessage["tool_call_id"]!.ToString());
        Assert.Equal("42", toolMessage["content"]!.ToString());
    }

    // Like a hosted model: tool calls while tools may be chosen, an answer once tool_choice is "none".
    private void AnswerWithToolCallsUntilToldNotTo()
    {
        var round = 0;
        _server.Responder = request => request["tool_choice"]?.ToString() == "none"
            ? new TextReply("Done counting.")
            : new ToolCallReply("calculator", $$"""{"expression":"{{Interlocked.Increment(ref round)}} + 1"}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_agent_request_stops_calling_tools_at_its_round_limit_and_reports_the_calls_in_order(bool stream)
    {
        AnswerWithToolCallsUntilToldNotTo();
        var calculator = _studio.Get<IToolRegistry>().Find("calculator")!.Descriptor;
        var deltas = new List<string>();

        var response = await Gateway.CompleteAsync(Ask("Count up.", stream) with { Tools = [calculator], MaxToolRounds = 3 },
            stream ? deltas.Add : null, CancellationToken.None);

        Assert.Equal("Done counting.", response.Text);
        Assert.Equal(["1 + 1", "2 + 1", "3 + 1"], response.ToolCalls.Select(c => c.Arguments["expression"]));
        Assert.Equal(["2", "3", "4"], response.ToolCalls.Select(c => c.Result));
        Assert.All(response.ToolCalls, c => Assert.Equal("calculator", c.Tool));
        var requests = _server.Requests.ToArray();
        Assert.Equal(4, requests.Length);
        Assert.Equal("none", requests[^1]["tool_choice"]?.ToString());
        Assert.Equal(3, requests[^1]["messages"]!.AsArray().Count(m => m!["role"]!.ToString() == "tool"));
        Assert.Equal(3 * 20 + 11, response.InputTokens);
        Assert.Equal(3 * 5 + 7, response.OutputTokens);
        if (stream) Assert.Equal("Done counting.", string.Concat(deltas));
    }

    [Fact]
    public async Task Without_a_limit_on_the_request_the_gateway_setting_bounds_the_rounds()
    {
        using var studio = CreateStudio(maxToolRounds: 2);
        AnswerWithToolCallsUntilToldNotTo();
        var calculator = studio.Get<IToolRegistry>().Find("calculator")!.Descriptor;

        var response = await studio.Get<IModelGateway>().CompleteAsync(Ask("Count up.") with { Tools = [calculator] }, null, CancellationToken.None);

        Assert.Equal(2, response.ToolCalls.Count);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Tool_failures_and_tools_not_offered_are_reported_as_error_results_the_model_reads()
    {
        _server.Enqueue(
            new ToolCallReply("calculator", """{"expression":"2 * / 3"}"""),
            new ToolCallReply("calculator", """{"expression": 2 *"""),
            new ToolCallReply("http_request", """{"url":"http://example.com/"}"""),
            new TextReply("I could not calculate that."));
        var calculator = _studio.Get<IToolRegistry>().Find("calculator")!.Descriptor;

        var response = await Gateway.CompleteAsync(Ask("What is 2 * / 3?") with { Tools = [calculator], MaxToolRounds = 5 }, null, CancellationToken.None);

        Assert.Equal("I could not calculate that.", response.Text);
        Assert.Collection(response.ToolCalls,
            failed =>
            {
                Assert.Equal("calculator", failed.Tool);
                Assert.StartsWith("Error (bad_expression):", failed.Result);
            },
            unreadable =>
            {
                Assert.Equal("calculator", unreadable.Tool);
                Assert.StartsWith("Error: the arguments were not valid JSON", unreadable.Result);
            },
            notOffered =>
            {
                Assert.Equal("http_request", notOffered.Tool);
                Assert.Equal("Error: there is no tool named 'http_request'.", notOffered.Result);
            });
        var toolResults = _server.Requests.Last()["messages"]!.AsArray().Where(m => m!["role"]!.ToString() == "tool").Select(m => m!["content"]!.ToString());
        Assert.Equal(response.ToolCalls.Select(c => c.Result), toolResults);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_tools_past_the_limit_is_a_clear_error()
    {
        _server.Enqueue(new ToolCallReply("calculator", """{"expression":"1 + 1"}"""), new ToolCallReply("calculator", """{"expression":"2 + 2"}"""));
        var calculator = _studio.Get<IToolRegistry>().Find("calculator")!.Descriptor;

        var error = await Assert.ThrowsAsync<ModelException>(() =>
            Gateway.CompleteAsync(Ask("Add.") with { Tools = [calculator], MaxToolRounds = 1 }, null, CancellationToken.None).AsTask());

        Assert.Equal("tool_rounds_exceeded", error.Code);
        Assert.False(error.Transient);
        Assert.Contains("limit of 1 round of tool calls", error.Message);
        Assert.Contains("test-model", error.Message);
    }

    [Fact]
    public async Task Tool_names_with_dots_are_offered_as_valid_function_names_and_mapped_back()
    {
        _server.Enqueue(new ToolCallReply("web_search", """{"query":"meta description length"}"""), new TextReply("Between 120 and 155 characters."));
        var search = _studio.Get<IToolRegistry>().Find("web.search")!.Descriptor;

        await Gateway.CompleteAsync(Ask("How long should a meta description be?") with { Tools = [search] }, null, CancellationToken.None);

        var requests = _server.Requests.ToArray();
        Assert.Equal("web_search", requests[0]["tools"]![0]!["function"]!["name"]!.ToString());
        var toolMessage = requests[1]["messages"]!.AsArray().Single(m => m!["role"]!.ToString() == "tool")!;
        Assert.Contains("seo.example.net", toolMessage["content"]!.ToString());
    }

    [Fact]
    public async Task A_failing_provider_falls_back_to_its_fallback_model()
    {
        using var studio = CreateStudio(maxRetries: 0, fallback: "offline");
        _server.Enqueue(new StatusReply(503));

        var response = await studio.Get<IModelGateway>().CompleteAsync(
            Ask("Context: The reset button is under the base. Question: Where is the reset button?"), null, CancellationToken.None);

        Assert.Equal("offline", response.Model);
        Assert.Contains("reset button is under the base", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_azure_openai_provider_calls_its_deployment_with_an_api_key_header(bool stream)
    {
        _server.Enqueue(new TextReply("Hello from Azure."));

        var response = await Gateway.CompleteAsync(Ask("hi", stream) with { Model = "my-deployment" }, null, CancellationToken.None);

        Assert.Equal("Hello from Azure.", response.Text);
        Assert.Equal("my-deployment", response.Model);
        Assert.Equal("/openai/deployments/my-deployment/chat/completions", Assert.Single(_server.Paths));
        Assert.Equal("api-key sk-test-secret", Assert.Single(_server.Authorizations));
    }

    [Fact]
    public void CheckModel_explains_unknown_models_and_missing_keys_in_a_sentence()
    {
        Assert.Null(Gateway.CheckModel("offline"));
        Assert.Null(Gateway.CheckModel("test-model"));
        Assert.Null(Gateway.CheckModel("local/any-served-model"));
        Assert.Contains("Unknown model 'gpt-99'", Gateway.CheckModel("gpt-99"));
        var missingKey = Gateway.CheckModel("locked-model");
        Assert.Contains("WS_TEST_UNSET_", missingKey);
        Assert.Contains("is not set", missingKey);
    }

    [Fact]
    public async Task An_unknown_model_fails_before_any_request_is_sent()
    {
        var error = await Assert.ThrowsAsync<ModelException>(() =>
            Gateway.CompleteAsync(Ask("hi") with { Model = "gpt-99" }, null, CancellationToken.None).AsTask());

        Assert.Equal("unknown_model", error.Code);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task The_api_key_goes_to_the_provider_and_never_into_errors()
    {
        _server.Enqueue(new StatusReply(401));

        var error = await Assert.ThrowsAsync<ModelException>(() => Gateway.CompleteAsync(Ask("hi"), null, CancellationToken.None).AsTask());

        Assert.Equal("unauthorized", error.Code);
        Assert.Equal("Bearer sk-test-secret", Assert.Single(_server.Authorizations));
        Assert.DoesNotContain("sk-test-secret", error.ToString());
    }

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        Environment.SetEnvironmentVariable(_keyVariable, null);
        await _server.DisposeAsync();
    }
}
