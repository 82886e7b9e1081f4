using System.Net;
using System.Net.Sockets;

namespace Parties.Api.Webhooks;

/// <summary>
/// Which addresses a webhook may never reach unless private targets are allowed: anything that lands inside
/// the operator's network or on the host itself (server-side request forgery), cloud metadata included.
/// </summary>
public static class TargetAddresses
{
    private static readonly (IPAddress Network, int Bits)[] Forbidden =
    [
        (IPAddress.Parse("0.0.0.0"), 8),          // "this network"; 0.0.0.0 reaches the host itself
        (IPAddress.Parse("10.0.0.0"), 8),         // private
        (IPAddress.Parse("100.64.0.0"), 10),      // carrier-grade NAT, inside providers' networks
        (IPAddress.Parse("127.0.0.0"), 8),        // loopback
        (IPAddress.Parse("169.254.0.0"), 16),     // link-local, 169.254.169.254 is the cloud metadata service
        (IPAddress.Parse("172.16.0.0"), 12),      // private
        (IPAddress.Parse("192.0.0.0"), 24),       // IETF protocol assignments (Oracle's metadata is 192.0.0.192)
        (IPAddress.Parse("192.168.0.0"), 16),     // private
        (IPAddress.Parse("198.18.0.0"), 15),      // benchmarking, routed internally
        (IPAddress.Parse("224.0.0.0"), 4),        // multicast
        (IPAddress.Parse("240.0.0.0"), 4),        // reserved, broadcast
        (IPAddress.Parse("100.100.100.200"), 32), // Alibaba Cloud metadata
        (IPAddress.Parse("::"), 128),             // unspecified
        (IPAddress.Parse("::1"), 128),            // loopback
        (IPAddress.Parse("fc00::"), 7),           // unique local (fd00:ec2::254 is AWS metadata over IPv6)
        (IPAddress.Parse("fe80::"), 10),          // link-local
        (IPAddress.Parse("ff00::"), 8),           // multicast
    ];

    public static bool IsForbidden(IPAddress address)
    {
        // An IPv4 address written as IPv6 (::ffff:10.0.0.1) or through NAT64 is judged as the IPv4 address.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return Forbidden.Any(f => f.Network.AddressFamily == address.AddressFamily && InNetwork(address, f.Network, f.Bits));
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int bits)
    {
        var (a, n) = (address.GetAddressBytes(), network.GetAddressBytes());
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : 0xFF << (8 - bits) & 0xFF;
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }

    public static bool IsIp(AddressFamily family) => family is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}
