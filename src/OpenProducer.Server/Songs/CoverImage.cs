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

    public static async Task FetchAsync(HttpClient client, Uri url, string path, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Deadline);
        try
        {
            var token = deadline.Token;
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
            if (!response.IsSuccessStatusCode)
                throw new UserInputException($"coverArtUrl could not be fetched: the server answered {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > MaxBytes) throw TooLarge();
            await using var body = await response.Content.ReadAsStreamAsync(token);
            await using var file = File.Create(path);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = await body.ReadAsync(buffer, token)) > 0)
            {
                if ((total += n) > MaxBytes) throw TooLarge();
                await file.WriteAsync(buffer.AsMemory(0, n), token);
            }
        }
        catch (Exception e) when (UrlGuard.RefusalIn(e) is not null)
        {
            throw new UserInputException("coverArtUrl is refused: it leads to a private or local address.", e);
        }
        catch (Exception e) when ((e is HttpRequestException or IOException or OperationCanceledException && !deadline.IsCancellationRequested) && !DiskSpace.IsFull(e))
        {
            throw new UserInputException($"coverArtUrl could not be fetched: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new UserInputException($"coverArtUrl could not be fetched within {Deadline.TotalSeconds:0} seconds.", e);
        }
    }

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

    private static UserInputException TooLarge() => new($"coverArtUrl is too large (at most {MaxBytes / (1024 * 1024)} MB).");
}
