using System.Net;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Api;

/// <summary>
/// Failed authentications per client address, in fixed one-minute windows held in memory. Past the limit an
/// address is answered 429 before its token is looked up, so guessing tokens costs the guesser, not the database.
/// A valid token from a blocked address waits too: the server cannot tell it apart without the lookup.
/// </summary>
public sealed class AuthFailureLimiter(ServerOptions options)
{
    private const long WindowMs = 60_000;
    private readonly Dictionary<string, (long Start, int Count)> _windows = new();
    private readonly Lock _lock = new();

    /// <summary>Seconds until the address may try again, or null when it may try now.</summary>
    public int? Blocked(IPAddress? address)
    {
        if (options.AuthFailuresPerMinute <= 0) return null;
        long now = Environment.TickCount64;
        lock (_lock)
        {
            if (!_windows.TryGetValue(Key(address), out var w) || now - w.Start >= WindowMs || w.Count < options.AuthFailuresPerMinute) return null;
            return (int)Math.Max(1, Math.Ceiling((w.Start + WindowMs - now) / 1000.0));
        }
    }

    public void Failed(IPAddress? address)
    {
        if (options.AuthFailuresPerMinute <= 0) return;
        long now = Environment.TickCount64;
        lock (_lock)
        {
            if (_windows.Count > 100_000)
                foreach (var key in _windows.Where(x => now - x.Value.Start >= WindowMs).Select(x => x.Key).ToList()) _windows.Remove(key);
            string k = Key(address);
            (long Start, int Count) w = _windows.TryGetValue(k, out var current) && now - current.Start < WindowMs ? current : (now, 0);
            _windows[k] = w with { Count = w.Count + 1 };
        }
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";
}
