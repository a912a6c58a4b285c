using System.Net;
using System.Net.Sockets;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// An HttpClient for tools that reach out on a workflow's behalf: the address is checked when the socket connects
/// (after DNS, so a name that resolves to a private address is refused too), with no proxy, cookies or automatic
/// redirects; callers follow redirects themselves through <see cref="Check"/>.
/// </summary>
public sealed class GuardedHttp(AddressPolicy policy, string tool) : IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() => new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        // A proxy would connect on our behalf and bypass the address check.
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = (context, ct) => ConnectAsync(policy, tool, context, ct),
        AutomaticDecompression = DecompressionMethods.All,
    }) { Timeout = Timeout.InfiniteTimeSpan });

    public HttpClient Client => _client.Value;

    /// <summary>The URL as a checked absolute http(s) address; a literal address the policy refuses fails here with a clear message.</summary>
    public Uri Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new ToolException("bad_url", $"{tool}: '{url}' is not an absolute URL.");
        if (uri.Scheme is not ("http" or "https"))
            throw new ToolException("blocked_scheme", $"{tool} only fetches http and https URLs, not {uri.Scheme}:.");
        // Names are checked after resolution, when the socket connects.
        if (IPAddress.TryParse(uri.IdnHost, out var literal) && policy.Refusal(literal) is { } refusal)
            throw new ToolException("blocked_address", $"{tool}: refused {uri}: {refusal}.");
        return uri;
    }

    /// <summary>
    /// The response body up to <paramref name="maxBytes"/>, and whether there was more: one byte past the cap is read
    /// so a body of exactly the cap is not reported as cut.
    /// </summary>
    public static async Task<(byte[] Body, int Length, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0) read += n;
        return (buffer, Math.Min(read, maxBytes), read > maxBytes);
    }

    /// <summary>The refusal a failed send carries, if the address policy refused it.</summary>
    public static ToolException? Refusal(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
            if (current is ToolException refused) return refused;
        return null;
    }

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, string tool, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refusals = new List<string>();
        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } refusal)
            {
                refusals.Add(refusal);
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // Connect to the checked address itself, never to the name again, so DNS cannot change the answer in between.
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (address != addresses[^1])
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new ToolException("blocked_address", refusals.Count > 0
            ? $"{tool}: refused {host}: {refusals[0]}."
            : $"{tool}: {host} did not resolve to any address.");
    }

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}
