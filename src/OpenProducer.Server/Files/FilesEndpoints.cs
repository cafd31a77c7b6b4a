using System.Text.RegularExpressions;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Files;

/// <summary>
/// Public song files, like the hosted service's CDN links: no token, an unguessable random key in the path,
/// byte ranges so players can seek.
/// </summary>
public static partial class FilesEndpoints
{
    public static void MapFiles(this IEndpointRouteBuilder app) =>
        app.MapMethods("/files/{key}/{name}", ["GET", "HEAD"], (HttpContext http, string key, string name, ServerOptions options) =>
        {
            var m = FileName().Match(name);
            if (!Key().IsMatch(key) || !m.Success) return Json.Error(ProducerError.NoApi(), http.TraceId());
            string path = Path.Combine(options.FilesDir, key, name);
            if (!File.Exists(path)) return Json.Error(ProducerError.NoApi(), http.TraceId());
            string type = m.Groups[1].Value switch { "m4a" => "audio/mp4", "jpg" => "image/jpeg", "zip" => "application/zip", "wav" => "audio/wav", "mp3" => "audio/mpeg", "flac" => "audio/flac", "mid" => "audio/midi",
                "mp4" => "video/mp4", _ => "application/octet-stream" };
            return Results.File(Path.GetFullPath(path), type, enableRangeProcessing: true);
        });

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Key();

    [GeneratedRegex(@"^[0-9a-f\-]{36}(?:-all|-24)?\.(m4a|jpg|zip|wav|mp3|flac|mp4|mid)$")]
    private static partial Regex FileName();
}
