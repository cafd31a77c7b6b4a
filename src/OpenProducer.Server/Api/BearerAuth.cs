using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Api;

/// <summary>Bearer-token authentication and rate limits for the Producer endpoints, answering in the spec's error codes.</summary>
public sealed class BearerAuth(TokenStore tokens, RateLimiter limiter, AuthFailureLimiter failures) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await AuthenticateAsync(context.HttpContext) ?? await next(context);

    /// <summary>
    /// Checks the request's token and the caller's rate limits. Null when the request may go ahead (its caller is then
    /// set, see <see cref="RequestContext.Caller"/>); else the spec's error answer that refuses it.
    /// </summary>
    public async Task<IResult?> AuthenticateAsync(HttpContext http)
    {
        string header = http.Request.Headers.Authorization.ToString().Trim();
        // Accept "Bearer <token>" (any case) and, like the hosted API's own examples, a bare token.
        string token = BearerToken(header);
        if (token.Length == 0) return Json.Error(ProducerError.NoToken(), http.TraceId());
        var address = http.Connection.RemoteIpAddress;
        if (failures.Blocked(address) is int wait) return TooMany(http, wait);
        var (check, caller) = token.Length > 200 ? (TokenCheck.Unknown, null) : await tokens.AuthenticateAsync(token, http.RequestAborted);
        if (check is TokenCheck.Unknown or TokenCheck.Expired) failures.Failed(address);
        switch (check)
        {
            case TokenCheck.Unknown: return Json.Error(ProducerError.InvalidToken(), http.TraceId());
            case TokenCheck.Expired: return Json.Error(ProducerError.TokenExpired(), http.TraceId());
            case TokenCheck.Disabled: return Json.Error(ProducerError.Disabled(), http.TraceId());
        }
        if (limiter.Take(caller!) is int retryAfter) return TooMany(http, retryAfter);
        http.SetCaller(caller!);
        return null;
    }

    public static IResult TooMany(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Json.Error(ProducerError.TooManyRequests(), http.TraceId());
    }

    /// <summary>The token in an Authorization header; "Bearer" with nothing after it carries none.</summary>
    public static string BearerToken(string header) =>
        header.StartsWith("bearer", StringComparison.OrdinalIgnoreCase) && (header.Length == 6 || header[6] == ' ') ? header[6..].Trim() : header;
}
