using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// http.request: GET or POST to a public http(s) URL. The address is checked when the socket
/// connects (after DNS, so a name that resolves to a private address is refused too), redirects are
/// followed one hop at a time through the same check, and time and response size are capped.
/// </summary>
public sealed class HttpRequestTool : ITool, IDisposable
{
    public const string Name = "http.request";

    private readonly HttpToolOptions _options;
    private readonly GuardedHttp _http;

    public HttpRequestTool(HttpToolOptions options)
    {
        _options = options;
        _http = new GuardedHttp(new AddressPolicy(options.AllowedNetworks), Name);
    }

    public ToolDescriptor Descriptor { get; } = new(Name,
        "Fetches a public web page or API over HTTP(S) with GET, or sends data with POST, and returns the status and body.",
        """
        {"type":"object","properties":{
          "url":{"type":"string","description":"An absolute http or https URL."},
          "method":{"type":"string","enum":["GET","POST"],"default":"GET"},
          "body":{"type":"string","description":"Request body for POST."},
          "contentType":{"type":"string","description":"Content type of the POST body.","default":"application/json"}
        },"required":["url"]}
        """);

    public async ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var url = _http.Check(arguments.Required(Name, "url"));
        var method = (arguments.Optional("method") ?? "GET").ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            var other => throw new ToolException("bad_argument", $"{Name} supports GET and POST, not {other}."),
        };
        var body = arguments.Optional("body");
        var contentType = arguments.Optional("contentType") ?? "application/json";

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(method, url);
                if (method == HttpMethod.Post) request.Content = new StringContent(body ?? "", Encoding.UTF8, contentType);
                using var response = await _http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (hop >= _options.MaxRedirects) throw new ToolException("too_many_redirects", $"{Name}: more than {_options.MaxRedirects} redirects from {arguments["url"]}.");
                    url = _http.Check(new Uri(url, location).ToString());
                    // 303, and 301/302 after a POST, continue as GET without a body, as browsers do.
                    if (response.StatusCode == HttpStatusCode.SeeOther || method == HttpMethod.Post && (int)response.StatusCode is 301 or 302)
                        method = HttpMethod.Get;
                    continue;
                }
                return await ReadAsync(response, url, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException("timeout", $"{Name}: {url} did not answer within {_options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            if (GuardedHttp.Refusal(e) is { } refused) throw refused;
            throw new ToolException("network", $"{Name}: could not reach {url.Host}: {e.Message}", e);
        }
    }

    private async Task<ToolResult> ReadAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        var (buffer, length, truncated) = await GuardedHttp.ReadCappedAsync(response, _options.MaxResponseBytes, cancellationToken);
        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = charset is null ? Encoding.UTF8 : SafeEncoding(charset);
        var text = encoding.GetString(buffer, 0, length);
        var status = (int)response.StatusCode;
        var json = new JsonObject
        {
            ["status"] = status,
            ["url"] = url.ToString(),
            ["contentType"] = response.Content.Headers.ContentType?.MediaType,
            ["truncated"] = truncated,
            ["body"] = text,
        };
        var note = truncated ? $"\n[truncated at {_options.MaxResponseBytes} bytes]" : "";
        return new ToolResult($"HTTP {status} {response.ReasonPhrase}\n{text}{note}", json);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static Encoding SafeEncoding(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    public void Dispose() => _http.Dispose();
}
