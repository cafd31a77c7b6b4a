using System.Net;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Studio;

/// <summary>
/// <c>/studio</c>: the browser studio, plain HTML, CSS and JavaScript modules served from this assembly. It speaks the
/// public API with the token the user signs in with; the one thing it adds is <c>/studio/local-token</c>, which hands
/// the operator's local token to a browser on this same machine so signing in there is one click.
/// </summary>
public static class StudioEndpoints
{
    /// <summary>The file <c>serve</c> keeps the local token in, inside the data folder.</summary>
    public const string LocalTokenFile = "local-token";

    public static void MapStudio(this IEndpointRouteBuilder app)
    {
        app.MapGet("/studio/local-token", (HttpContext http, ServerOptions options) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            string path = Path.Combine(options.DataDir, LocalTokenFile);
            string? token = IsSameMachine(http) && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
            return Json.Result(new JsonObject { ["token"] = token });
        }).ExcludeFromDescription();
        app.MapMethods("/studio/{*file}", ["GET", "HEAD"], (HttpContext http, string? file) =>
        {
            // The page's relative links need the trailing slash.
            if (!http.Request.Path.Value!.StartsWith("/studio/", StringComparison.Ordinal)) return Results.Redirect(http.Request.PathBase + "/studio/");
            if (StudioAssets.Find(string.IsNullOrEmpty(file) ? "index.html" : file) is not { } asset)
                return Json.Error(ProducerError.NoApi(), http.TraceId());
            var headers = http.Response.Headers;
            // Revalidated on every load: a new server version is picked up without a stale module mixed in.
            headers.CacheControl = "no-cache";
            headers.ETag = asset.ETag;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data: blob:; media-src * blob:; "
                + "connect-src *; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(304);
            return Results.Bytes(asset.Content, asset.ContentType);
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// A request from a browser on this machine, not relayed: from a loopback address, to a loopback host name (a
    /// page whose name was pointed at 127.0.0.1 after it loaded asks under its own name), and carrying no proxy headers.
    /// </summary>
    internal static bool IsSameMachine(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote)) return false;
        var headers = http.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP")) return false;
        string host = http.Request.Host.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
