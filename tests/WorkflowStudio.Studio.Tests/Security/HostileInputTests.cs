using System.Text;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;
using WorkflowStudio.Data;
using WorkflowStudio.Studio.Knowledge;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Studio.Tests.Security;

/// <summary>
/// Hostile inputs in the studio's own formats, each with its safe outcome: a clear error (with its place where the
/// format has places), nothing stored, the process alive. Workflow files go through the import every door uses (the
/// list page, the CLI), templates through the one template engine, URLs through the http.request tool itself, uploads
/// through the knowledge library the drop zone hands its files to.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    // No knowledge folders to import: the uploads below are the only documents.
    private readonly string _noFolders = Directory.CreateTempSubdirectory("kb-none-").FullName;
    private readonly StudioHost _host;
    private WorkflowLibrary Library => _host.Get<WorkflowLibrary>();

    public HostileInputTests() => _host = new StudioHost(new Dictionary<string, string?> { ["Studio:Knowledge:Directory"] = _noFolders });

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_noFolders, recursive: true);
    }

    // ---- Workflow ids: one rule for every door ----

    public static TheoryData<string> HostileIds => new(
        "", " ", "..", "../..", "..%2F..", "../etc/passwd", "a/b", "a\\b", "a b<script>", "<script>alert(1)</script>",
        "a\u0000b", "a\nb", "a\rb", "a\tb", "UPPER", "Mixed-Case", "-leading-dash", "dot.ted", "semi;colon", "quote'd",
        "double\"quote", "back`tick", "percent%20", "question?", "hash#", "amp&er", "équipe", "名前", "a\u202Eb",
        "emoji-😀", new string('a', 65), new string('x', 10_000), "CON", "nul\u0000", "a:b", "a*b", "~home", "$(rm -rf)", "{{x}}");

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task A_hostile_id_is_refused_with_the_rule_and_nothing_is_stored(string id)
    {
        var refused = await Assert.ThrowsAsync<StoreException>(() => Library.SaveAsync(TestWorkflows.Article() with { Id = id }));

        Assert.Equal(StoreErrorKind.Invalid, refused.Kind);
        Assert.Contains("must be 1-64 lowercase letters", refused.Message);
        Assert.Empty(await Library.ListAsync());
    }

    // ---- Workflow JSON files ----

    public static TheoryData<string, string> HostileJson => new()
    {
        { "empty", "" },
        { "whitespace", "   \n\t" },
        { "not json", "hello" },
        { "a number", "42" },
        { "a string", "\"workflow\"" },
        { "null", "null" },
        { "an array", "[]" },
        { "truncated", "{\"schema\": 1, \"id\": \"a\"" },
        { "trailing garbage", Valid() + "}}}" },
        { "schema fraction", Valid().Replace("\"schema\": 1", "\"schema\": 1.5") },
        { "schema huge", Valid().Replace("\"schema\": 1", "\"schema\": 1e40") },
        { "schema negative", Valid().Replace("\"schema\": 1", "\"schema\": -1") },
        { "schema text", Valid().Replace("\"schema\": 1", "\"schema\": \"one\"") },
        { "schema future", Valid().Replace("\"schema\": 1", "\"schema\": 999") },
        { "nodes an object", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": {}, \"edges\": []}" },
        { "nodes a string", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": \"x\", \"edges\": []}" },
        { "edges a number", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [], \"edges\": 5}" },
        { "node without kind", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [{\"id\": \"n\"}], \"edges\": []}" },
        { "unknown node kind", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [{\"id\": \"n\", \"kind\": \"shell\"}], \"edges\": []}" },
        { "node kind a number", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [{\"id\": \"n\", \"kind\": 7}], \"edges\": []}" },
        { "node a string", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [\"n\"], \"edges\": []}" },
        { "edge a string", "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [], \"edges\": [\"a->b\"]}" },
        { "deep arrays", new string('[', 10_000) + new string(']', 10_000) },
        { "deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) },
        { "too large", "{\"schema\": 1, \"id\": \"a\", \"name\": \"" + new string('x', WorkflowLibrary.MaxImportChars) + "\"}" },
        { "lone surrogate", "{\"schema\": 1, \"id\": \"a\", \"name\": \"\\uD800\", \"nodes\": [], \"edges\": []}" },
        { "comment injection", "/* */ {\"schema\": 1 /*" },
        { "NaN", "{\"schema\": NaN}" },
        { "Infinity", "{\"schema\": Infinity}" },
        { "single quotes", "{'schema': 1}" },
        { "bom then garbage", "\uFEFF<xml/>" },
        { "html", "<html><script>alert(1)</script></html>" },
        { "yaml", "schema: 1\nid: a\n" },
    };

    [Theory]
    [MemberData(nameof(HostileJson))]
    public async Task A_hostile_json_file_is_refused_with_a_sentence_and_nothing_is_stored(string why, string text)
    {
        var imported = await Library.ImportAsync("hostile.json", text);

        Assert.True(imported.Error is { Length: > 0 }, $"{why}: imported instead of refused");
        Assert.Null(imported.Workflow);
        Assert.Empty(await Library.ListAsync());
    }

    // ---- C# definitions: read from their syntax, never compiled or run ----

    public static TheoryData<string, string> HostileCSharp => new()
    {
        { "empty", "" },
        { "not C#", "hello world" },
        { "a class without Build", "public class Flow { }" },
        { "file delete", Method("System.IO.File.Delete(\"/etc/passwd\"); return null!;") },
        { "process start", Method("System.Diagnostics.Process.Start(\"sh\"); return null!;") },
        { "environment exit", Method("System.Environment.Exit(1); return null!;") },
        { "infinite loop", Method("while (true) { } ") },
        { "reflection", Method("return (Workflow)typeof(object).Assembly.CreateInstance(\"x\")!;") },
        { "static constructor", "public static class Flow { static Flow() { System.Environment.Exit(1); } public static Workflow Build() => new WorkflowBuilder(\"a\", \"A\").Build(); }" },
        { "module initializer", "public static class Flow { [System.Runtime.CompilerServices.ModuleInitializer] public static Workflow Build() => new WorkflowBuilder(\"a\", \"A\").Build(); }" },
        { "unsafe code", Method("unsafe { int* p = null; *p = 1; } return null!;") },
        { "a lambda argument", Method("return new WorkflowBuilder(\"a\", \"A\").Input(System.IO.File.ReadAllText(\"/etc/passwd\")).Build();") },
        { "string interpolation", Method("return new WorkflowBuilder($\"{System.Environment.UserName}\", \"A\").Build();") },
        { "a variable", Method("var id = \"a\"; return new WorkflowBuilder(id, \"A\").Build();") },
        { "an unknown builder call", Method("return new WorkflowBuilder(\"a\", \"A\").Shell(\"rm -rf /\").Build();") },
        { "preprocessor error", "#error stop\n" + Method("return new WorkflowBuilder(\"a\", \"A\").Build();") },
        { "unclosed", "public static class Flow { public static Workflow Build() { return new WorkflowBuilder(\"a\", \"A\")" },
        { "deep parentheses", Method("return " + new string('(', 5_000) + "null" + new string(')', 5_000) + ";") },
        { "deep nesting of blocks", Method(string.Concat(Enumerable.Repeat("{", 5_000)) + new string('}', 5_000) + " return null!;") },
        { "long chain of unknown calls", Method("return new WorkflowBuilder(\"a\", \"A\")" + string.Concat(Enumerable.Repeat(".X()", 20_000)) + ".Build();") },
        { "too large", "// " + new string('x', WorkflowLibrary.MaxImportChars) },
        { "numeric id", Method("return new WorkflowBuilder(42, \"A\").Build();") },
        { "goto", Method("start: goto start;") },
        { "dynamic", Method("dynamic d = 1; return d;") },
    };

    [Theory]
    [MemberData(nameof(HostileCSharp))]
    public async Task A_hostile_csharp_file_is_refused_with_a_sentence_and_nothing_is_stored(string why, string text)
    {
        var imported = await Library.ImportAsync("Hostile.cs", text);

        Assert.True(imported.Error is { Length: > 0 }, $"{why}: imported instead of refused");
        Assert.Empty(await Library.ListAsync());
    }

    // ---- Liquid templates: refused before Fluid parses anything that could take the process down ----

    public static TheoryData<string, string> HostileTemplates => new()
    {
        { "3,500 nested ifs", Nested("{% if true %}", "{% endif %}", 3_500) },
        { "65 nested ifs", Nested("{% if true %}", "{% endif %}", 65) },
        { "nested fors", Nested("{% for i in (1..2) %}", "{% endfor %}", 500) },
        { "nested unless", Nested("{% unless false %}", "{% endunless %}", 500) },
        { "nested captures", Nested("{% capture x %}", "{% endcapture %}", 500) },
        { "nested case", Nested("{% case x %}{% when 1 %}", "{% endcase %}", 500) },
        { "nested comments", Nested("{% comment %}", "{% endcomment %}", 500) },
        { "nested raw", Nested("{% raw %}", "{% endraw %}", 500) },
        { "nested tablerow", Nested("{% tablerow i in (1..2) %}", "{% endtablerow %}", 500) },
        { "nested in liquid tag", "{% liquid\n" + string.Concat(Enumerable.Repeat("if true\n", 500)) + string.Concat(Enumerable.Repeat("endif\n", 500)) + "%}" },
        { "deep brackets", "{{ " + new string('(', 2_000) + "1" + new string(')', 2_000) + " }}" },
        { "deep index brackets", "{{ a" + string.Concat(Enumerable.Repeat("[0]", 40)) + string.Concat(Enumerable.Repeat("[", 40)) + " }}" },
        { "long operator chain", "{% if " + string.Join(" and ", Enumerable.Repeat("true", 500)) + " %}x{% endif %}" },
        { "long or chain", "{% if " + string.Join(" or ", Enumerable.Repeat("a == 1", 500)) + " %}x{% endif %}" },
        { "long filter chain", "{{ x" + string.Concat(Enumerable.Repeat(" | upcase", 500)) + " }}" },
        { "long comparison chain", "{{ " + string.Join(" == ", Enumerable.Repeat("1", 500)) + " }}" },
        { "too long", "{{ x }}" + new string('x', TemplateEngine.MaxSourceChars) },
        { "too long and nested", Nested("{% if true %}", "{% endif %}", 100_000) },
        { "unclosed output", "{{ name" },
        { "unclosed tag", "{% if true %}x" },
        { "stray end", "{% endif %}" },
        { "unknown tag", "{% shell 'rm -rf /' %}" },
        { "function call", "{{ x() }}" },
        { "bad range", "{% for i in (1..) %}{% endfor %}" },
        { "unterminated string", "{{ 'abc }}" },
        { "mismatched end", "{% if true %}{% endfor %}" },
        { "else without if", "{% else %}" },
        { "huge range", "{% for i in (1..1000000000000) %}x{% endfor %}" },
    };

    [Theory]
    [MemberData(nameof(HostileTemplates))]
    public void A_hostile_template_is_refused_with_a_sentence(string why, string template)
    {
        var parsed = TemplateEngine.Parse(template);

        Assert.True(parsed.Error is { Length: > 0 }, $"{why}: parsed instead of refused");
        Assert.Null(parsed.Fluid);
    }

    // ---- URLs for http.request: only public addresses, whatever the spelling ----

    public static TheoryData<string> HostileUrls => new(
        "http://127.0.0.1/", "http://127.1/", "http://127.0.0.2:8080/", "http://0x7f000001/", "http://2130706433/", "http://017700000001/",
        "http://0.0.0.0/", "http://0/", "http://localhost/", "http://localhost:22/", "http://[::1]/", "http://[::]/",
        "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://[::10.0.0.1]/",
        "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::1]/",
        "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[ff02::1]/",
        "http://10.0.0.1/", "http://10.255.255.255/", "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://100.64.0.1/", "http://198.18.0.1/",
        "http://224.0.0.1/", "http://239.255.255.250/", "http://255.255.255.255/", "http://192.0.0.170/",
        "file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:70/", "ldap://127.0.0.1/", "dict://127.0.0.1:11211/",
        "javascript:alert(1)", "data:text/plain,hello", "//127.0.0.1/", "not a url", "", "http://user:pass@127.0.0.1/",
        "http://127.0.0.1:0/", "http://[::ffff:169.254.169.254]/");

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public async Task A_hostile_url_is_refused_before_anything_is_sent(string url)
    {
        using var tool = new HttpRequestTool(new HttpToolOptions());

        var refused = await Assert.ThrowsAsync<ToolException>(async () => await tool.InvokeAsync(new Dictionary<string, string> { ["url"] = url }, CancellationToken.None));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.NotEqual("network", refused.Code);
        Assert.NotEqual("timeout", refused.Code);
    }

    // ---- Knowledge uploads: each file refused with a reason, or stored under a plain name that lists and deletes ----

    public static TheoryData<string, string, int> HostileUploads => new()
    {
        { "one byte over the size limit", "big.txt", (int)KnowledgeLibrary.MaxDocumentBytes + 1 },
        { "an executable", "tool.exe", 100 },
        { "a double extension", "notes.md.exe", 100 },
        { "no extension", "README", 100 },
        { "an empty file", "empty.md", 0 },
        { "a PDF that is not a PDF", "report.pdf", 100 },
        { "a PDF of random bytes", "noise.pdf", 10_000 },
        { "a text file of NUL bytes", "zeros.txt", -10_000 },
        { "a name climbing out", "../../etc/passwd.md", 100 },
        { "a Windows path climbing out", "..\\..\\boot.md", 100 },
        { "a name with control characters", "a\u0000b\u001b[2J.md", 100 },
        { "a name with markup", "<img src=x onerror=alert(1)>.md", 100 },
        { "a name of 10,000 characters", new string('n', 10_000) + ".md", 100 },
        { "an HTML page of only a script", "only-script.html", -1 },
    };

    [Theory]
    [MemberData(nameof(HostileUploads))]
    public async Task A_hostile_upload_is_refused_with_a_reason_or_stored_under_a_plain_name_that_opens(string why, string name, int size)
    {
        var knowledge = _host.Get<KnowledgeLibrary>();
        await knowledge.CreateAsync("uploads");

        var job = await knowledge.AddDocumentsAsync("uploads", [new DocumentUpload(name, Content(size))]);
        var done = await job.Completion;

        Assert.Equal(IndexingState.Completed, done.State);
        if (done.Problems.SingleOrDefault() is { } refused)
            Assert.False(string.IsNullOrWhiteSpace(refused.Reason), $"{why}: refused without a reason");
        else
            await AssertPlainAndDeletableAsync(knowledge, why);
    }

    [Fact]
    public async Task Many_files_at_once_are_each_checked_and_the_good_ones_stored()
    {
        var knowledge = _host.Get<KnowledgeLibrary>();
        await knowledge.CreateAsync("many");
        var uploads = Enumerable.Range(0, 60).Select(i => new DocumentUpload($"note-{i}.txt", Encoding.UTF8.GetBytes($"Note {i} about harbour lights.")))
            .Append(new DocumentUpload("note-0.txt", Encoding.UTF8.GetBytes("the same name again"))).ToList();

        var done = await (await knowledge.AddDocumentsAsync("many", uploads)).Completion;

        Assert.Equal(60, done.Stored.Count);
        Assert.Contains(done.Problems, p => p.Document == "note-0.txt" && p.Reason.Contains("same upload"));
        Assert.Equal(60, (await knowledge.DocumentsAsync("many")).Count);
    }

    private static async Task AssertPlainAndDeletableAsync(KnowledgeLibrary knowledge, string why)
    {
        var stored = Assert.Single(await knowledge.DocumentsAsync("uploads"));
        Assert.False(stored.Name.Any(c => char.IsControl(c) || c is '/' or '\\'), $"{why}: stored as '{stored.Name}'");
        Assert.True(await knowledge.DeleteDocumentAsync("uploads", stored.Name), $"{why}: '{stored.Name}' cannot be deleted");
        Assert.Empty(await knowledge.DocumentsAsync("uploads"));
    }

    // A size, or: -1 an HTML page holding only a script, below -1 that many NUL bytes; otherwise seeded random bytes, or text for text types.
    private static byte[] Content(int size) => size switch
    {
        -1 => Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>"),
        < -1 => new byte[-size],
        _ => RandomBytes(size),
    };

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    private static string Valid() => "{\"schema\": 1, \"id\": \"a\", \"name\": \"A\", \"nodes\": [], \"edges\": []}";

    private static string Method(string body) =>
        "using WorkflowStudio.Core.Building;\nusing WorkflowStudio.Core.Model;\n\npublic static class Flow\n{\n    public static Workflow Build()\n    {\n        " + body + "\n    }\n}\n";

    private static string Nested(string open, string close, int depth)
    {
        var text = new StringBuilder(depth * (open.Length + close.Length) + 1);
        for (var i = 0; i < depth; i++) text.Append(open);
        text.Append('x');
        for (var i = 0; i < depth; i++) text.Append(close);
        return text.ToString();
    }
}
