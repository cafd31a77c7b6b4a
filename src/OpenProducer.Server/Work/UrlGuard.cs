using System.Net;
using System.Net.Sockets;

namespace OpenProducer.Server.Work;

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

    /// <summary>True for an address on the public internet.</summary>
    public static bool IsPublic(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var b = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                || b[0] == 100 && b[1] is >= 64 and <= 127        // shared address space (carrier NAT)
                || b[0] == 169 && b[1] == 254                      // link-local, cloud metadata
                || b[0] == 172 && b[1] is >= 16 and <= 31
                || b[0] == 192 && b[1] == 168
                || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2      // IETF protocol assignments, documentation
                || b[0] == 198 && b[1] is 18 or 19                 // benchmarking
                || b[0] == 198 && b[1] == 51 && b[2] == 100 || b[0] == 203 && b[1] == 0 && b[2] == 113);
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.IPv6Any) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6Multicast) return false;
        if ((b[0] & 0xfe) == 0xfc) return false;                  // unique local (fc00::/7)
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false; // documentation
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return false;       // Teredo (tunnels to any IPv4)
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1) return false; // local NAT64 (64:ff9b:1::/48)
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublic(new IPAddress(b[2..6])); // 6to4 carries an IPv4 address
        if (b.Take(8).All(x => x == 0) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0) return false; // ::ffff:0:a.b.c.d (SIIT)
        // IPv4 inside IPv6: the compatible form (::a.b.c.d) and NAT64 (64:ff9b::/96) reach the IPv4 address.
        bool compatible = b.Take(12).All(x => x == 0);
        bool nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0);
        if (compatible || nat64) return IsPublic(new IPAddress(b[12..]));
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
