using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// A studio to attack: its address, the owner's session, and (in process, where one can be made) an admin API key.
/// <see cref="PrepareAsync"/> saves the workflow the cases aim at, over HTTP, so the same cases run against the
/// in-process app and a studio process.
/// </summary>
public sealed record HostileTarget(string Address, CookieContainer Owner, string? ApiKey)
{
    public const string WorkflowId = "h-target";

    public HttpClient OwnerHttp() => StudioProcess.Client(Address, Owner);

    public HttpClient KeyHttp()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Address) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey ?? throw new InvalidOperationException("This target has no API key."));
        return http;
    }

    public async Task PrepareAsync()
    {
        using var owner = OwnerHttp();
        await HostileRequests.SaveAsync(owner, CallersStudio.Story(WorkflowId), basedOn: null);
        (await owner.PutAsJsonAsync($"/api/workflows/{WorkflowId}/tags/{CallersStudio.Tag}", new { version = 1 })).EnsureSuccessStatusCode();
    }
}

/// <summary>What the studio answered: the status and the body, or the status of a refused WebSocket handshake.</summary>
public sealed record HostileAnswer(int Status, string Body);

/// <summary>One hostile request and the answers that are safe for it (all refusals unless a case says otherwise).</summary>
/// <param name="BareRefusal">Kestrel refuses it before the app sees it (a NUL in the path, a path or body too long), with a status and no sentence.</param>
public sealed record HostileRequest(string Why, Func<HostileTarget, Task<HostileAnswer>> Send, int[] Safe, bool NeedsKey = false, bool BareRefusal = false)
{
    public override string ToString() => Why;
}

/// <summary>
/// Hostile API requests, hub handshakes and runs, in one table the per-case tests and the memory watch share. Each case
/// lists the answers that are safe; <see cref="AssertSafeAsync"/> adds what every answer must be: no server error, no
/// stack trace, a sentence, markup never echoed raw, and the studio still answering with every workflow still opening.
/// </summary>
public static class HostileRequests
{
    private const int BadRequest = 400, Forbidden = 403, NotFound = 404, TooLarge = 413, UriTooLong = 414, Unsupported = 415;
    private const string Versions = $"/api/workflows/{HostileTarget.WorkflowId}/versions";
    private const string Workflow = $"/api/workflows/{HostileTarget.WorkflowId}";
    private const string Deployment = $"/api/v1/deployments/{HostileTarget.WorkflowId}/{CallersStudio.Tag}";

    private static string Definition(Func<string, string>? edit = null)
    {
        var json = WorkflowJson.Serialize(CallersStudio.Story(HostileTarget.WorkflowId, "hostile"));
        return edit is null ? json : edit(json);
    }

    private static string SaveBody(string definition, string basedOn = "1") => $"{{\"definition\": {definition}, \"basedOn\": {basedOn}}}";

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    public static readonly HostileRequest[] All =
    [
        // ---- Bodies that are not the JSON asked for ----
        Owner("truncated JSON", "POST", Versions, "{\"definition\": {", BadRequest),
        Owner("not JSON", "POST", Versions, "hello", BadRequest),
        Owner("an empty body", "POST", Versions, "", BadRequest),
        Owner("JSON null", "POST", Versions, "null", BadRequest),
        Owner("a JSON array", "POST", Versions, "[]", BadRequest),
        Owner("the definition a string", "POST", Versions, "{\"definition\": \"x\"}", BadRequest),
        Owner("no definition", "POST", Versions, "{}", BadRequest),
        Owner("text/plain", "POST", Versions, SaveBody(Definition()), Unsupported, contentType: "text/plain"),
        Owner("a form", "POST", Versions, SaveBody(Definition()), Unsupported, contentType: "application/x-www-form-urlencoded"),
        Owner("no content type", "POST", Versions, SaveBody(Definition()), Unsupported, contentType: null),
        Owner("XML", "POST", Versions, "<workflow/>", Unsupported, contentType: "application/xml"),
        Owner("JSON with a BOM and garbage", "POST", Versions, "\uFEFF<xml/>", BadRequest),
        Owner("trailing garbage", "POST", Versions, SaveBody(Definition()) + "}}}", BadRequest),
        Owner("comments", "POST", Versions, "/* */" + SaveBody(Definition()), BadRequest),
        Owner("NaN", "POST", Versions, SaveBody(Definition(), "NaN"), BadRequest),

        // ---- Numbers where integers are expected ----
        Owner("basedOn 1e40", "POST", Versions, SaveBody(Definition(), "1e40"), BadRequest),
        Owner("basedOn 1.5", "POST", Versions, SaveBody(Definition(), "1.5"), BadRequest),
        Owner("basedOn a string", "POST", Versions, SaveBody(Definition(), "\"one\""), BadRequest),
        Owner("basedOn past int", "POST", Versions, SaveBody(Definition(), "2147483648"), BadRequest),
        Owner("schema 1e40", "POST", Versions, SaveBody(Definition(d => d.Replace("\"schema\": 1", "\"schema\": 1e40"))), BadRequest),
        Owner("schema 1.5", "POST", Versions, SaveBody(Definition(d => d.Replace("\"schema\": 1", "\"schema\": 1.5"))), BadRequest),
        Owner("tag version 1e40", "PUT", $"{Workflow}/tags/qa", "{\"version\": 1e40}", BadRequest),
        Owner("tag version 1.5", "PUT", $"{Workflow}/tags/qa", "{\"version\": 1.5}", BadRequest),
        Owner("tag version missing", "PUT", $"{Workflow}/tags/qa", "{\"version\": 999}", NotFound, BadRequest),
        Owner("diff from 1e40", "GET", $"{Workflow}/diff?from=1e40&to=1", null, BadRequest),
        Owner("runs take 1e40", "GET", "/api/runs?take=1e40", null, BadRequest),
        // The run store clamps a page to 1-1,000 runs from a skip of at least 0, so these read a bounded page.
        Owner("runs take negative, clamped", "GET", "/api/runs?take=-1", null, 200),
        Owner("runs take 2,000,000,000, clamped", "GET", "/api/runs?take=2000000000", null, 200),
        Owner("runs skip negative, clamped", "GET", "/api/runs?skip=-5", null, 200),
        Owner("runs status unknown", "GET", "/api/runs?status=exploded", null, BadRequest),
        Owner("events max negative", "GET", "/api/runs/none/events?max=-1", null, BadRequest, NotFound),
        Owner("audit limit negative, clamped", "GET", "/api/audit?limit=-5", null, 200),
        Owner("audit limit 1e40", "GET", "/api/audit?limit=1e40", null, BadRequest),

        // ---- Shapes and sizes ----
        Owner("a body nested 10,000 deep", "POST", Versions, "{\"definition\": " + Deep(10_000) + "}", BadRequest),
        Owner("a definition nested 1,000 deep", "POST", Versions,
            SaveBody(Definition(d => d.Replace("\"description\": \"hostile\"", "\"description\": " + Deep(1_000)))), BadRequest),
        Owner("the definition for another id", "POST", Versions, SaveBody(Definition(d => d.Replace(HostileTarget.WorkflowId, "other"))), BadRequest),
        Owner("a duplicate id key in the definition", "POST", Versions,
            SaveBody(Definition(d => d.Replace("\"id\": \"h-target\",", "\"id\": \"h-target\", \"id\": \"other\","))), BadRequest),
        Owner("a duplicate definition key", "POST", Versions,
            $"{{\"definition\": {Definition()}, \"definition\": {Definition(d => d.Replace(HostileTarget.WorkflowId, "other"))}, \"basedOn\": 1}}", BadRequest),
        // Saved as drafts are (the validator names the dangling edge and the step count when it is run or opened); it opens.
        Owner("a dangling edge", "POST", Versions,
            SaveBody(Definition(d => d.Replace("\"to\": \"story\"", "\"to\": \"nowhere\""))), 201, BadRequest),
        Owner("2,001 steps", "POST", Versions, SaveBody(ManySteps(2_001, kindFirst: true)), 201, BadRequest),
        Owner("steps whose kind follows their id", "POST", Versions, SaveBody(ManySteps(3, kindFirst: false)), 201),
        Owner("a 2 MB description", "POST", Versions, SaveBody(Definition(d => d.Replace("\"hostile\"", "\"" + new string('x', 2_000_001) + "\""))), BadRequest),
        Owner("a 25 MB description", "POST", Versions, SaveBody(Definition(d => d.Replace("\"hostile\"", "\"" + new string('x', 25_000_000) + "\""))), BadRequest, TooLarge),
        Bare(Owner("a body past the 30 MB limit", "POST", Versions, SaveBody(Definition(d => d.Replace("\"hostile\"", "\"" + new string('x', 31_000_000) + "\""))), TooLarge)),
        Owner("a lone surrogate in the name", "POST", $"{Workflow}/rename", "{\"name\": \"\\uD800\"}", BadRequest),
        Owner("a name of 100,000 characters", "POST", $"{Workflow}/rename", $"{{\"name\": \"{new string('n', 100_000)}\"}}", BadRequest),
        // Kept as text: JSON escapes it, pages escape it, the CLI prints control characters escaped.
        Owner("a name with terminal escapes", "POST", $"{Workflow}/rename", "{\"name\": \"\\u001b[2J\\u0007gone\"}", 200),
        Owner("unknown fields are ignored, the author too", "POST", $"{Workflow}/rename",
            "{\"name\": \"Story\", \"author\": \"mallory\", \"extra\": {\"deep\": [1, 2]}}", 200),

        // ---- Ids with path tricks, control characters and markup ----
        Owner("an id climbing out", "GET", "/api/workflows/..%2F..%2Fetc%2Fpasswd", null, NotFound, BadRequest),
        Bare(Owner("an id with a NUL", "GET", "/api/workflows/a%00b", null, NotFound, BadRequest)),
        Owner("an id with markup", "GET", "/api/workflows/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, NotFound, BadRequest),
        Owner("an id of 65 characters", "GET", "/api/workflows/" + new string('a', 65), null, NotFound, BadRequest),
        Bare(Owner("an id of 10,000 characters", "GET", "/api/workflows/" + new string('a', 10_000), null, NotFound, BadRequest, UriTooLong)),
        Owner("deleting an id climbing out", "DELETE", "/api/workflows/..%2F..", null, NotFound, BadRequest),
        Owner("a duplicate's id climbing out", "POST", $"{Workflow}/duplicate", "{\"newId\": \"../x\"}", BadRequest),
        Owner("a duplicate's id with a NUL", "POST", $"{Workflow}/duplicate", "{\"newId\": \"a\\u0000b\"}", BadRequest),
        Owner("a duplicate's id with markup", "POST", $"{Workflow}/duplicate", "{\"newId\": \"<script>alert(1)</script>\"}", BadRequest),
        Owner("a duplicate's id of 65 characters", "POST", $"{Workflow}/duplicate", $"{{\"newId\": \"{new string('a', 65)}\"}}", BadRequest),
        Owner("a tag climbing out", "PUT", $"{Workflow}/tags/..%2F..", "{\"version\": 1}", BadRequest, NotFound),
        Owner("a tag with markup", "PUT", $"{Workflow}/tags/%3Cb%3Ex%3C%2Fb%3E", "{\"version\": 1}", BadRequest),
        Bare(Owner("a tag with a NUL", "PUT", $"{Workflow}/tags/a%00b", "{\"version\": 1}", BadRequest)),
        Bare(Owner("a run id with a NUL", "GET", "/api/runs/a%00b", null, NotFound, BadRequest)),
        Owner("an account climbing out", "POST", "/api/accounts/..%2Fowner/lock", null, NotFound, BadRequest),
        Owner("an account name with markup", "POST", "/api/accounts", "{\"userName\": \"<script>x</script>\", \"role\": \"Viewer\"}", BadRequest),
        Owner("an account name of 10,000 characters", "POST", "/api/accounts", $"{{\"userName\": \"{new string('u', 10_000)}\", \"role\": \"Viewer\"}}", BadRequest),
        Owner("a role by number", "POST", "/api/accounts", "{\"userName\": \"numbered\", \"role\": \"0\"}", BadRequest),
        Owner("a password of 1 MB", "POST", "/api/accounts", $"{{\"userName\": \"longpass\", \"password\": \"{new string('p', 1_000_000)}\", \"role\": \"Viewer\"}}", BadRequest),

        // ---- The deployment API ----
        Key("an Idempotency-Key of 10,000 characters", Deployment + "/runs?wait=false", "{\"topic\": \"x\"}", r => r.Headers.Add("Idempotency-Key", new string('k', 10_000)), BadRequest),
        Key("an empty Idempotency-Key", Deployment + "/runs?wait=false", "{\"topic\": \"x\"}", r => r.Headers.TryAddWithoutValidation("Idempotency-Key", ""), BadRequest),
        Key("an Idempotency-Key with a control character", Deployment + "/runs?wait=false", "{\"topic\": \"x\"}",
            r => r.Headers.TryAddWithoutValidation("Idempotency-Key", "a\u0001b"), BadRequest),
        Key("inputs an array", Deployment + "/runs?wait=false", "[1, 2]", null, BadRequest),
        Key("an input past the limit", Deployment + "/runs?wait=false", $"{{\"topic\": \"{new string('t', 100_001)}\"}}", null, BadRequest, 202),
        Key("wait neither true nor false", Deployment + "/runs?wait=maybe", "{\"topic\": \"x\"}", null, BadRequest),
        Key("an unknown tag", $"/api/v1/deployments/{HostileTarget.WorkflowId}/nope/runs?wait=false", "{\"topic\": \"x\"}", null, NotFound),
        Key("a workflow id climbing out", "/api/v1/deployments/..%2F..%2Fetc/production/runs?wait=false", "{\"topic\": \"x\"}", null, NotFound, BadRequest),
        Key("a resilience with negative retries", Deployment + "/resilience", Resilience("-1", "100", "null"), null, BadRequest, method: "PUT"),
        Key("a resilience timeout of 1e300", Deployment + "/resilience", Resilience("1", "100", "1e300"), null, BadRequest, method: "PUT"),
        Key("a resilience delay of 1e40", Deployment + "/resilience", Resilience("1", "1e40", "null"), null, BadRequest, method: "PUT"),
        Key("a tag moved to version 1.5", Deployment, "{\"version\": 1.5}", null, BadRequest, method: "PUT"),
        Key("feedback on a missing run", "/api/v1/runs/none/feedback", "{\"score\": 1e308}", null, NotFound),

        // ---- Other hosts and other origins ----
        Owner("a rebinding Host header", "GET", "/api/workflows", null, BadRequest, tweak: r => r.Headers.Host = "attacker.example"),
        Owner("another origin on the hub's negotiate", "POST", "/hubs/runs/negotiate?negotiateVersion=1", null, Forbidden,
            tweak: r => r.Headers.Add("Origin", "http://127.0.0.1:1")),
        Owner("origin null on the hub's negotiate", "POST", "/hubs/runs/negotiate?negotiateVersion=1", null, Forbidden,
            tweak: r => r.Headers.Add("Origin", "null")),
        Owner("the studio's host over https on the negotiate", "POST", "/hubs/runs/negotiate?negotiateVersion=1", null, Forbidden,
            tweak: r => r.Headers.Add("Origin", "https://127.0.0.1")),
        Owner("another origin deleting a workflow", "DELETE", Workflow, null, Forbidden, tweak: r => r.Headers.Add("Origin", "http://evil.example")),
        new("another origin opening the run hub's WebSocket", t => WebSocketAsync(t, "/hubs/runs", "http://127.0.0.1:1"), [Forbidden]),
        new("another origin opening the Blazor circuit's WebSocket", t => WebSocketAsync(t, "/_blazor", "http://evil.example"), [Forbidden]),
    ];

    /// <summary>Templates that once took gigabytes (issue 14, item 3), each as a run: it must fail with a sentence, and be stored as ended.</summary>
    public static readonly (string Why, string Template, int InputChars)[] HostileRuns =
    [
        ("a loop over a 100,000-character input", "{% for i in (1..10000) %}{{ topic }}{% endfor %}", 100_000),
        ("a capture doubled 40 times", "{% assign s = topic %}" + string.Concat(Enumerable.Repeat("{% capture s %}{{ s }}{{ s }}{% endcapture %}", 40)) + "{{ s }}", 1_000),
        ("append doubled 40 times", "{% assign s = topic %}" + string.Concat(Enumerable.Repeat("{% assign s = s | append: s %}", 40)) + "{{ s }}", 1_000),
        ("split and join of every character", "{% assign s = topic | split: '' | join: topic %}{{ s }}", 100_000),
        ("a replace chain", "{{ topic" + string.Concat(Enumerable.Repeat(" | replace: 't', topic", 6)) + " }}", 1_000),
    ];

    public static TheoryData<string> Cases(bool withKey)
    {
        var cases = new TheoryData<string>();
        foreach (var c in All.Where(c => withKey || !c.NeedsKey)) cases.Add(c.Why);
        return cases;
    }

    /// <summary>Sends the case and checks its answer and the studio after it.</summary>
    public static async Task AssertSafeAsync(HostileTarget target, HostileRequest hostile)
    {
        var answer = await hostile.Send(target);

        Assert.True(hostile.Safe.Contains(answer.Status), $"{hostile.Why}: answered {answer.Status} (safe: {string.Join(", ", hostile.Safe)}): {Cut(answer.Body)}");
        Assert.DoesNotContain("   at ", answer.Body);
        Assert.DoesNotContain("Exception", answer.Body);
        Assert.DoesNotContain("<script", answer.Body, StringComparison.OrdinalIgnoreCase);
        if (answer.Status >= 400 && !hostile.BareRefusal)
            Assert.True(answer.Body.Trim().Length > 0, $"{hostile.Why}: refused without a sentence");
        await AssertEveryWorkflowOpensAsync(target);
    }

    /// <summary>The studio answers, and every workflow it lists opens with its latest version.</summary>
    public static async Task AssertEveryWorkflowOpensAsync(HostileTarget target)
    {
        using var owner = target.OwnerHttp();
        var list = await owner.GetFromJsonAsync<JsonElement>("/api/workflows");
        foreach (var workflow in list.EnumerateArray())
        {
            var id = workflow.GetProperty("id").GetString()!;
            var latest = workflow.GetProperty("latestVersion").GetInt32();
            using var version = await owner.GetAsync($"/api/workflows/{Uri.EscapeDataString(id)}/versions/{latest}");
            Assert.True(version.StatusCode == HttpStatusCode.OK, $"workflow '{id}' v{latest} does not open: {(int)version.StatusCode}");
        }
    }

    /// <summary>Saves a workflow whose output renders <paramref name="template"/>, runs it over the hub as the owner, and returns the last event.</summary>
    public static async Task<RunEvent> RunAsync(HostileTarget target, string id, string template, int inputChars)
    {
        using (var owner = target.OwnerHttp())
        {
            // The input rides in the workflow as its sample value, so the hub message stays small whatever the input's size.
            var story = CallersStudio.Story(id, sample: new string('t', inputChars));
            await SaveAsync(owner, story with { Nodes = [.. story.Nodes.Select(n => n is OutputNode o ? o with { Value = template } : n)] }, basedOn: null);
        }
        await using var hub = new HubConnectionBuilder().WithUrl(target.Address + RunHubContract.Path, o => o.Cookies = target.Owner).Build();
        await hub.StartAsync();
        var started = await hub.InvokeAsync<StartedRunMessage>("StartRun", new StartRunMessage(id, new Dictionary<string, string>()));
        RunEvent? last = null;
        await foreach (var message in hub.StreamAsync<RunEventMessage>("Join", started.RunId, 0L)) last = message.Event;
        return last!;
    }

    public static async Task SaveAsync(HttpClient owner, Workflow workflow, int? basedOn)
    {
        using var saved = await owner.PostAsync($"/api/workflows/{workflow.Id}/versions",
            new StringContent($"{{\"definition\": {WorkflowJson.Serialize(workflow)}, \"basedOn\": {(basedOn is { } b ? b.ToString() : "null")}}}", Encoding.UTF8, "application/json"));
        Assert.True(saved.IsSuccessStatusCode, $"saving {workflow.Id}: {(int)saved.StatusCode} {Cut(await saved.Content.ReadAsStringAsync())}");
    }

    private static HostileRequest Bare(HostileRequest hostile) => hostile with { BareRefusal = true };

    private static HostileRequest Owner(string why, string method, string path, string? body, params int[] safe) =>
        Owner(why, method, path, body, safe, "application/json", null);

    private static HostileRequest Owner(string why, string method, string path, string? body, int safe, string? contentType = "application/json",
        Action<HttpRequestMessage>? tweak = null) => Owner(why, method, path, body, [safe], contentType, tweak);

    private static HostileRequest Owner(string why, string method, string path, string? body, int[] safe, string? contentType, Action<HttpRequestMessage>? tweak) =>
        new(why, async t =>
        {
            using var http = t.OwnerHttp();
            return await SendAsync(http, method, path, body, contentType, tweak);
        }, safe);

    private static HostileRequest Key(string why, string path, string body, Action<HttpRequestMessage>? tweak, int safe, string method = "POST") =>
        Key(why, path, body, tweak, [safe], method);

    private static HostileRequest Key(string why, string path, string body, Action<HttpRequestMessage>? tweak, int safe, int orSafe, string method = "POST") =>
        Key(why, path, body, tweak, [safe, orSafe], method);

    private static HostileRequest Key(string why, string path, string body, Action<HttpRequestMessage>? tweak, int[] safe, string method) =>
        new(why, async t =>
        {
            using var http = t.KeyHttp();
            return await SendAsync(http, method, path, body, "application/json", tweak);
        }, safe, NeedsKey: true);

    private static async Task<HostileAnswer> SendAsync(HttpClient http, string method, string path, string? body, string? contentType, Action<HttpRequestMessage>? tweak)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        tweak?.Invoke(request);
        try
        {
            using var response = await http.SendAsync(request);
            return new HostileAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e) when (body is { Length: > 30_000_000 })
        {
            // Kestrel may answer 413 and close before the client has sent the rest; the client then sees the broken pipe.
            return new HostileAnswer(TooLarge, e.Message);
        }
    }

    private static async Task<HostileAnswer> WebSocketAsync(HostileTarget target, string path, string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = target.Owner;
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(new Uri(target.Address.Replace("http", "ws") + path), CancellationToken.None);
            return new HostileAnswer(101, "connected");
        }
        catch (WebSocketException e)
        {
            return new HostileAnswer((int)socket.HttpStatusCode, e.Message);
        }
    }

    private static string Resilience(string retries, string delay, string timeout) =>
        $"{{\"retries\": {retries}, \"retryDelayMs\": {delay}, \"timeoutSeconds\": {timeout}, \"fallbackModel\": null, \"cacheResponses\": false}}";

    private static string ManySteps(int count, bool kindFirst)
    {
        var nodes = string.Join(", ", Enumerable.Range(0, count).Select(i => kindFirst ? $"{{\"kind\": \"input\", \"id\": \"s{i}\"}}" : $"{{\"id\": \"s{i}\", \"kind\": \"input\"}}"));
        return $"{{\"schema\": 1, \"id\": \"{HostileTarget.WorkflowId}\", \"name\": \"Many\", \"nodes\": [{nodes}], \"edges\": []}}";
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
