using OpenProducer.Engine.Art;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Songs;

/// <summary>
/// A cover image given by URL (<c>coverArtUrl</c>): fetched once, at most <see cref="MaxBytes"/>, and turned into the
/// song's square JPEG. Whatever goes wrong is the request's fault and is said so.
/// </summary>
public static class CoverImage
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The whole fetch, body included (the client's own timeout covers only the headers).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fetches the image and makes it the cover JPEG at <paramref name="output"/>, or fails saying what was wrong with
    /// it. Nothing is left behind on failure.
    /// </summary>
    public static async Task PrepareAsync(HttpClient client, Uri url, string output, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        string given = output + ".given", part = output + ".part.jpg";
        try
        {
            await FetchAsync(client, url, given, ct);
            await ConvertAsync(given, part, ct);
            File.Move(part, output, overwrite: true);
        }
        finally
        {
            File.Delete(given);
            File.Delete(part);
        }
    }

    public static Task FetchAsync(HttpClient client, Uri url, string path, CancellationToken ct) =>
        GuardedDownload.ToFileAsync(client, url, path, "coverArtUrl", MaxBytes, Deadline, (m, e) => new UserInputException(m, e), ct);

    public static async Task ConvertAsync(string input, string output, CancellationToken ct)
    {
        try
        {
            await Ffmpeg.ConvertImageAsync(input, output, CoverArt.Size, ct);
        }
        catch (EngineException e) when (!DiskSpace.IsFull(e))
        {
            throw new UserInputException("coverArtUrl is not an image that can be read.", e);
        }
    }
}
