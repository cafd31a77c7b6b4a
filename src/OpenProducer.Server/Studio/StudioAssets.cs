using System.Collections.Frozen;
using System.Security.Cryptography;

namespace OpenProducer.Server.Studio;

/// <summary>The studio's files, embedded in this assembly under <c>studio/</c>, read once.</summary>
internal static class StudioAssets
{
    internal sealed record Asset(byte[] Content, string ContentType, string ETag);

    private const string Prefix = "studio/";

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    public static Asset? Find(string path) => Files.GetValueOrDefault(path);

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(StudioAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            byte[] content = memory.ToArray();
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            files[name[Prefix.Length..].Replace('\\', '/')] = new Asset(content, ContentType(name), etag);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    };
}
