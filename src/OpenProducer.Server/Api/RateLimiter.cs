using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Api;

/// <summary>
/// Requests per minute, per token and per application (all its tokens together), in fixed one-minute windows held
/// in memory. A refused request does not count. With several server processes each keeps its own count.
/// </summary>
public sealed class RateLimiter(ServerOptions options)
{
    private const long WindowMs = 60_000;
    private readonly Dictionary<string, (long Start, int Count)> _windows = new();
    private readonly Lock _lock = new();

    /// <summary>Null when the request may go ahead (and is counted); else the seconds until the caller may try again.</summary>
    public int? Take(Caller caller)
    {
        long now = Environment.TickCount64;
        lock (_lock)
        {
            if (_windows.Count > 100_000) Prune(now);
            var token = Current("t:" + caller.TokenId, now);
            var app = Current("a:" + caller.ApplicationId, now);
            long? waitMs = null;
            if (options.RateLimitPerMinute > 0 && token.Count >= options.RateLimitPerMinute) waitMs = token.Start + WindowMs - now;
            if (options.AppRateLimitPerMinute > 0 && app.Count >= options.AppRateLimitPerMinute)
                waitMs = Math.Max(waitMs ?? 0, app.Start + WindowMs - now);
            if (waitMs is long ms) return (int)Math.Max(1, Math.Ceiling(ms / 1000.0));
            _windows["t:" + caller.TokenId] = token with { Count = token.Count + 1 };
            _windows["a:" + caller.ApplicationId] = app with { Count = app.Count + 1 };
            return null;
        }
    }

    private (long Start, int Count) Current(string key, long now) =>
        _windows.TryGetValue(key, out var w) && now - w.Start < WindowMs ? w : (now, 0);

    private void Prune(long now)
    {
        foreach (var key in _windows.Where(w => now - w.Value.Start >= WindowMs).Select(w => w.Key).ToList()) _windows.Remove(key);
    }
}
