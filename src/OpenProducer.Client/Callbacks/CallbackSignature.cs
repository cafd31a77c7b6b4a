using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenProducer.Client.Callbacks;

/// <summary>
/// Checks that a callback comes from the server: it sends <c>X-Producer-Timestamp</c> (Unix seconds) and
/// <c>X-Producer-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of <c>"{timestamp}.{body}"</c> keyed with the
/// application's callback secret (<c>ApplicationInfo.CallbackSecret</c>). Verify over the raw body as received, before
/// parsing it.
/// </summary>
public static class CallbackSignature
{
    /// <summary>The header with the Unix time the callback was signed at.</summary>
    public const string TimestampHeader = "X-Producer-Timestamp";

    /// <summary>The header with the signature, <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-Producer-Signature";

    /// <summary>How old a signature may be unless told otherwise: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="body"/> at <paramref name="timestamp"/> with
    /// <paramref name="secret"/>, and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>
    /// (so a captured delivery cannot be replayed later). The comparison takes the same time whatever the signature.
    /// </summary>
    /// <param name="secret">The application's callback secret.</param>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value.</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value.</param>
    /// <param name="now">The current time (the clock when null).</param>
    /// <param name="tolerance">How old (or how far ahead) a timestamp may be (<see cref="DefaultTolerance"/> when null).</param>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? timestamp, string? signature, DateTimeOffset? now = null,
        TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return false;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)) return false;
        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if ((now ?? DateTimeOffset.UtcNow).Subtract(at).Duration() > (tolerance ?? DefaultTolerance)) return false;
        const string prefix = "sha256=";
        if (!signature.StartsWith(prefix, StringComparison.Ordinal)) return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Compute(secret, timestamp, body));
    }

    /// <inheritdoc cref="Verify(string, ReadOnlySpan{byte}, string?, string?, DateTimeOffset?, TimeSpan?)"/>
    public static bool Verify(string secret, string body, string? timestamp, string? signature, DateTimeOffset? now = null, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(secret, Encoding.UTF8.GetBytes(body), timestamp, signature, now, tolerance);
    }

    /// <summary>The HMAC-SHA256 of <c>"{timestamp}.{body}"</c> with the secret.</summary>
    private static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] head = Encoding.UTF8.GetBytes(timestamp + ".");
        byte[] message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
