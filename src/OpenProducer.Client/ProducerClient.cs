using OpenProducer.Client.Accounts;
using OpenProducer.Client.Core;
using OpenProducer.Client.Files;
using OpenProducer.Client.Lyrics;
using OpenProducer.Client.Songs;
using OpenProducer.Client.Tasks;

namespace OpenProducer.Client;

/// <summary>
/// A client of one Producer server with one API token, its resources as properties. Safe to share across threads;
/// make one and keep it.
/// </summary>
/// <example>
/// <code>
/// var client = new ProducerClient(new Uri("http://127.0.0.1:8080"), token);
/// var songs = await client.Songs.CreateAsync(new GenerateSongRequest { Prompt = "calm piano", Instrumental = true });
/// </code>
/// </example>
public sealed class ProducerClient : IDisposable
{
    private readonly HttpClient? _owned;

    /// <summary>A client of the server at <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The server's base address (a path, as behind a proxy, is kept).</param>
    /// <param name="token">The API token, sent as <c>Authorization: Bearer</c>; an empty token sends none.</param>
    /// <param name="httpClient">An HttpClient to send with (not disposed by this client); one of its own when null.
    /// Synchronous requests wait for the song: give it a timeout longer than the longest song takes.</param>
    public ProducerClient(Uri endpoint, string token, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(token);
        if (!endpoint.IsAbsoluteUri) throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
        if (httpClient is null) _owned = httpClient = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var pipeline = new ProducerPipeline(httpClient, endpoint, token);
        Endpoint = endpoint;
        Songs = new SongsClient(pipeline);
        Tasks = new TasksClient(pipeline);
        Lyrics = new LyricsClient(pipeline);
        Files = new FilesClient(pipeline);
        Account = new AccountClient(pipeline);
    }

    /// <summary>The server's base address.</summary>
    public Uri Endpoint { get; }

    /// <summary>Songs: every <c>/producer/audios</c> action, and a song's details.</summary>
    public SongsClient Songs { get; }

    /// <summary>Tasks by id, and the caller's tasks page by page.</summary>
    public TasksClient Tasks { get; }

    /// <summary>Lyric sheets.</summary>
    public LyricsClient Lyrics { get; }

    /// <summary>Uploads, and the files made of a song (WAV, downloads, stems, video).</summary>
    public FilesClient Files { get; }

    /// <summary>The token's application: balance and callback secret.</summary>
    public AccountClient Account { get; }

    /// <summary>Disposes the HttpClient this client made (not one it was given).</summary>
    public void Dispose() => _owned?.Dispose();
}
