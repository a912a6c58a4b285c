using System.Net;
using System.Net.Sockets;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// Which addresses http.request may connect to: public ones only, unless a range is allowed in
/// settings. Blocks loopback, private, link-local (cloud metadata), carrier-grade NAT, unique-local,
/// multicast and unspecified addresses, including IPv4 addresses mapped into IPv6 and the IPv6 forms that carry an
/// IPv4 address to a translator (IPv4-compatible, NAT64, 6to4).
/// </summary>
public sealed class AddressPolicy(IEnumerable<string> allowedNetworks)
{
    private static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/3"),
        // IPv4-compatible (::a.b.c.d, deprecated), and the ones ::/128 and ::1/128 fall in.
        IPNetwork.Parse("::/96"),
        // Translators that reach an IPv4 address named inside the IPv6 one: NAT64 and 6to4.
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("2002::/16"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] _allowed = allowedNetworks.Select(Parse).ToArray();

    /// <summary>Null when the address may be reached, else why not.</summary>
    public string? Refusal(IPAddress address)
    {
        var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(n => n.Contains(normalised))) return null;
        var blocked = Blocked.FirstOrDefault(n => n.BaseAddress.AddressFamily == normalised.AddressFamily && n.Contains(normalised));
        if (blocked == default) return null;
        return $"{normalised} is a {Kind(normalised)} address, which http.request may not reach (allow it in Studio:Tools:Http:AllowedNetworks)";
    }

    private static string Kind(IPAddress address) =>
        IPAddress.IsLoopback(address) ? "loopback"
        : address.IsIPv6LinkLocal || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, ..]) ? "link-local"
        : address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] >= 224) ? "multicast or reserved"
        : "private or reserved";

    private static IPNetwork Parse(string network) =>
        IPNetwork.TryParse(network, out var parsed) ? parsed
        : IPAddress.TryParse(network, out var single) ? new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
        : throw new ArgumentException($"Studio:Tools:Http:AllowedNetworks has '{network}', which is not an address or CIDR range.");
}
