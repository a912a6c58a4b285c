using System.Text;
using System.Text.Json.Nodes;
using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;

namespace WorkflowStudio.Studio.Knowledge;

/// <summary>
/// A web page as a document, fetched by the http.request tool so the same rules hold as for workflows: public
/// addresses only (checked after DNS and at every redirect), and the configured time and size caps.
/// </summary>
public sealed class UrlDocuments(IToolRegistry tools)
{
    public async Task<DocumentUpload> FetchAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new StoreException($"'{url}' is not an http or https address.");
        var tool = tools.Find(HttpRequestTool.Name) ?? throw new StoreException("The HTTP tool is not available, so pages cannot be fetched.");
        ToolResult result;
        try
        {
            result = await tool.InvokeAsync(new Dictionary<string, string> { ["url"] = uri.ToString() }, ct);
        }
        catch (ToolException e)
        {
            throw new StoreException(e.Message);
        }
        var json = result.Json as JsonObject ?? throw new StoreException($"{uri} gave no readable answer.");
        var status = json["status"]?.GetValue<int>() ?? 0;
        if (status is < 200 or > 299) throw new StoreException($"{uri} answered HTTP {status}; nothing was added.");
        if (json["truncated"]?.GetValue<bool>() == true)
            throw new StoreException($"{uri} is larger than the HTTP tool's size limit (Studio:Tools:Http:MaxResponseBytes); nothing was added.");
        var contentType = json["contentType"]?.GetValue<string>()?.ToLowerInvariant();
        var extension = contentType switch
        {
            "text/html" or "application/xhtml+xml" => ".html",
            "text/markdown" or "text/x-markdown" => ".md",
            "text/plain" or null => ".txt",
            _ => throw new StoreException($"{uri} is {contentType}; pages can be HTML, Markdown or plain text (download a PDF and upload it instead)."),
        };
        return new DocumentUpload(DocumentName(uri, extension), Encoding.UTF8.GetBytes(json["body"]?.GetValue<string>() ?? ""), uri.ToString());
    }

    // The host and path, so two pages of one site stay apart; the extension tells the reader how to read it.
    private static string DocumentName(Uri uri, string extension)
    {
        var name = (uri.Authority + uri.AbsolutePath).TrimEnd('/').Replace(':', '_');
        return Path.GetExtension(name).Equals(extension, StringComparison.OrdinalIgnoreCase) ? name : name + extension;
    }
}
