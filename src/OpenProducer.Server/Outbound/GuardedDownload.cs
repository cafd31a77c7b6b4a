using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Outbound;

/// <summary>
/// Fetches a user-given URL into a file through a guarded client: a size cap checked while the body streams, and a
/// deadline on the whole fetch (the client's own timeout covers only the headers). Whatever goes wrong is the
/// request's fault and is said so, naming the field the URL came in.
/// </summary>
public static class GuardedDownload
{
    /// <param name="field">The request field the URL came in, named in every refusal.</param>
    /// <param name="refused">Makes the exception a refusal is thrown as, from its message and cause (the caller's own kind).</param>
    public static async Task ToFileAsync(HttpClient client, Uri url, string path, string field, long maxBytes, TimeSpan deadline,
        Func<string, Exception?, Exception> refused, CancellationToken ct)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cut.CancelAfter(deadline);
        Exception Refused(string message, Exception? inner = null) => refused(message, inner);
        Exception TooLarge() => Refused($"{field} is too large (at most {maxBytes / (1024 * 1024)} MB).");
        try
        {
            var token = cut.Token;
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
            if (!response.IsSuccessStatusCode) throw Refused($"{field} could not be fetched: the server answered {(int)response.StatusCode}.");
            if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge();
            await using var body = await response.Content.ReadAsStreamAsync(token);
            await using var file = File.Create(path);
            var buffer = new byte[81920];
            long total = 0;
            int n;
            while ((n = await body.ReadAsync(buffer, token)) > 0)
            {
                if ((total += n) > maxBytes) throw TooLarge();
                await file.WriteAsync(buffer.AsMemory(0, n), token);
            }
        }
        catch (Exception e) when (UrlGuard.RefusalIn(e) is not null)
        {
            throw Refused($"{field} is refused: it leads to a private or local address.", e);
        }
        catch (Exception e) when ((e is HttpRequestException or IOException or OperationCanceledException && !cut.IsCancellationRequested) && !DiskSpace.IsFull(e))
        {
            throw Refused($"{field} could not be fetched: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (cut.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw Refused($"{field} could not be fetched within {deadline.TotalSeconds:0} seconds.", e);
        }
    }
}
