using System.Text.Json;
using WorkflowStudio.Web.Api;

namespace WorkflowStudio.Web.Deployments;

/// <summary>Ready-to-copy calls of one tag, with the workflow's input names and a placeholder for the key (never a real one).</summary>
public static class DeploymentSnippets
{
    public const string KeyPlaceholder = "$STUDIO_API_KEY";

    public static string Url(string baseUri, string workflowId, string tag) =>
        $"{baseUri.TrimEnd('/')}{DeploymentEndpoints.Prefix}/deployments/{Uri.EscapeDataString(workflowId)}/{Uri.EscapeDataString(tag)}/runs";

    public static string Curl(string baseUri, string workflowId, string tag, IEnumerable<string> inputs) =>
        $"""
        curl -X POST '{Url(baseUri, workflowId, tag)}' \
          -H "Authorization: Bearer {KeyPlaceholder}" \
          -H 'Content-Type: application/json' \
          -d '{Body(inputs)}'
        """;

    public static string CSharp(string baseUri, string workflowId, string tag, IEnumerable<string> inputs) =>
        $$""""
        using System.Net.Http.Headers;
        using System.Net.Http.Json;

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("STUDIO_API_KEY"));
        var response = await http.PostAsJsonAsync("{{Url(baseUri, workflowId, tag)}}",
            new Dictionary<string, string> { {{string.Join(", ", inputs.Select(i => $"[\"{i}\"] = \"...\""))}} });
        response.EnsureSuccessStatusCode();
        Console.WriteLine(await response.Content.ReadAsStringAsync()); // { "status": "completed", "outputs": { ... } }
        """";

    private static string Body(IEnumerable<string> inputs) => JsonSerializer.Serialize(inputs.ToDictionary(i => i, _ => "..."));
}
