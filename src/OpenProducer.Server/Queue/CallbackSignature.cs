using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenProducer.Server.Queue;

/// <summary>
/// How a callback proves it comes from this server: <c>X-Producer-Timestamp</c> (Unix seconds) and
/// <c>X-Producer-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of <c>"{timestamp}.{body}"</c> keyed with the
/// application's callback secret (<c>GET /v1/application</c>). A receiver recomputes it over the raw body, compares in
/// constant time, and refuses old timestamps so a captured delivery cannot be replayed.
/// </summary>
public static class CallbackSignature
{
    public const string TimestampHeader = "X-Producer-Timestamp", SignatureHeader = "X-Producer-Signature";

    public static IEnumerable<(string Name, string Value)> Headers(string secret, string body, DateTimeOffset now)
    {
        string timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        yield return (TimestampHeader, timestamp);
        yield return (SignatureHeader, "sha256=" + Sign(secret, timestamp, body));
    }

    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
