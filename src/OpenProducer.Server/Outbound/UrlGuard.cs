using System.Net;
using System.Net.Sockets;

namespace OpenProducer.Server.Outbound;

/// <summary>
/// Keeps user-given URLs (callback_url, coverArtUrl) from reaching into the server's own network: only http and
/// https, and no loopback, private, shared, link-local (cloud metadata), multicast or reserved address, unless the
/// operator allows private URLs. A URL is checked as written at submission, and every address it resolves to is
/// checked again when a connection is made (so DNS answers and redirects cannot get around it).
/// </summary>
public static class UrlGuard
{
    /// <summary>A connection refused because its address is not public.</summary>
    public sealed class RefusedException(string message) : Exception(message);

    /// <summary>Why the URL may not be used as written, or null when it may.</summary>
    public static string? Check(Uri uri, bool allowPrivate)
    {
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return "only http and https URLs are accepted";
        if (uri.UserInfo.Length > 0) return "URLs with a user name or password are not accepted";
        if (allowPrivate) return null;
        string host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || !host.Contains('.') && !IPAddress.TryParse(host, out _))
            return "it points at a local host name";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && !IsPublic(ip)) return "it points at a private or local address";
        return null;
    }

    /// <summary>
    /// Networks that are not globally reachable, from IANA's special-purpose address registries (loopback, private,
    /// shared, link-local, documentation, benchmarking, protocol assignments, discard-only, relays, multicast,
    /// reserved). Networks that carry an IPv4 address (6to4, NAT64, IPv4-compatible) are judged by that address.
    /// </summary>
    private static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(n => IPNetwork.Parse(n)),
    ];

    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16"), Nat64 = IPNetwork.Parse("64:ff9b::/96"),
        Compatible = IPNetwork.Parse("::/96"), Siit = IPNetwork.Parse("::ffff:0:0:0/96");

    /// <summary>True for an address on the public internet.</summary>
    public static bool IsPublic(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetwork && ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (NotPublic.Any(n => n.Contains(ip))) return false;
        if (ip.AddressFamily == AddressFamily.InterNetwork) return true;
        var b = ip.GetAddressBytes();
        // ::ffff:0:a.b.c.d (SIIT) translates within a site.
        if (Siit.Contains(ip)) return false;
        // IPv4 inside IPv6: 6to4 carries it in bytes 2–5; NAT64 and the compatible form (::a.b.c.d) in the last four.
        if (SixToFour.Contains(ip)) return IsPublic(new IPAddress(b[2..6]));
        if (Nat64.Contains(ip) || Compatible.Contains(ip)) return IsPublic(new IPAddress(b[12..]));
        return true;
    }

    /// <summary>
    /// An HTTP handler whose every connection goes to a checked address: the host is resolved, and if any of its
    /// addresses is not public (and private URLs are not allowed) the connection is refused.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivate, int maxRedirects) => new()
    {
        // Through a proxy the connection would go to the proxy's address, and the target's would go unchecked.
        UseProxy = false,
        AllowAutoRedirect = maxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, maxRedirects),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } bad)
                throw new RefusedException($"{host} resolves to {bad}, which is not a public address");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The refusal inside an HTTP error, if that is what it was.</summary>
    public static RefusedException? RefusalIn(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is RefusedException r) return r;
        return null;
    }
}
