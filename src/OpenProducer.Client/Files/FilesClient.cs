using OpenProducer.Client.Core;
using OpenProducer.Client.Songs;

namespace OpenProducer.Client.Files;

/// <summary>
/// Files: recordings uploaded for the upload actions, and the files made of a song (WAV, a download in a format, its
/// stems, its video), each answered when ready or started in the background.
/// </summary>
public sealed class FilesClient
{
    private readonly ProducerPipeline _pipeline;

    internal FilesClient(ProducerPipeline pipeline) => _pipeline = pipeline;

    /// <summary>Uploads a local recording (a multipart form, the server's extension) and returns it when checked.</summary>
    /// <param name="content">The recording, read from its current position; it is disposed with the request, as HttpClient's stream contents are.</param>
    /// <param name="fileName">The file's name; without a title, it names the recording.</param>
    /// <exception cref="ProducerException"><c>bad_request</c> when the file is not a recording the server can use.</exception>
    public async Task<ProducerResult<UploadedAudio>> UploadFileAsync(Stream content, string fileName, UploadFileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var answer = await _pipeline.SendAsync(HttpMethod.Post, "producer/upload", Form(content, fileName, options, isAsync: false), cancellationToken)
            .ConfigureAwait(false);
        return await _pipeline.FinishAsync<UploadedAudio>(answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads a local recording to be checked in the background.</summary>
    /// <param name="content">The recording, read from its current position; it is disposed with the request.</param>
    /// <param name="fileName">The file's name.</param>
    public async Task<ProducerOperation<UploadedAudio>> StartUploadFileAsync(Stream content, string fileName, UploadFileOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _pipeline.Operation<UploadedAudio>(await _pipeline.SendAsync(HttpMethod.Post, "producer/upload", Form(content, fileName, options, isAsync: true),
            cancellationToken).ConfigureAwait(false));

    /// <summary>Has the server fetch a recording from a link, and returns it when checked.</summary>
    public Task<ProducerResult<UploadedAudio>> UploadAsync(UploadRequest request, CancellationToken cancellationToken = default) =>
        Run<UploadedAudio>("producer/upload", request, cancellationToken);

    /// <summary>Has the server fetch and check a recording in the background.</summary>
    public Task<ProducerOperation<UploadedAudio>> StartUploadAsync(UploadRequest request, CancellationToken cancellationToken = default) =>
        Start<UploadedAudio>("producer/upload", request, cancellationToken);

    /// <summary>A song's master as a lossless WAV (<c>/producer/wav</c>).</summary>
    public Task<ProducerResult<IReadOnlyList<SongFile>>> CreateWavAsync(WavRequest request, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<SongFile>>("producer/wav", request, cancellationToken);

    /// <summary>Starts making a song's WAV in the background.</summary>
    public Task<ProducerOperation<IReadOnlyList<SongFile>>> StartCreateWavAsync(WavRequest request, CancellationToken cancellationToken = default) =>
        Start<IReadOnlyList<SongFile>>("producer/wav", request, cancellationToken);

    /// <summary>A song in a format, or its score as MIDI (<c>/producer/download</c>).</summary>
    public Task<ProducerResult<SongFile>> CreateDownloadAsync(DownloadRequest request, CancellationToken cancellationToken = default) =>
        Run<SongFile>("producer/download", request, cancellationToken);

    /// <summary>Starts making a download in the background.</summary>
    public Task<ProducerOperation<SongFile>> StartCreateDownloadAsync(DownloadRequest request, CancellationToken cancellationToken = default) =>
        Start<SongFile>("producer/download", request, cancellationToken);

    /// <summary>A song's stems (<c>/producer/stems</c>).</summary>
    public Task<ProducerResult<IReadOnlyList<StemsItem>>> CreateStemsAsync(SongFileRequest request, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<StemsItem>>("producer/stems", request, cancellationToken);

    /// <summary>Starts separating a song's stems in the background.</summary>
    public Task<ProducerOperation<IReadOnlyList<StemsItem>>> StartCreateStemsAsync(SongFileRequest request, CancellationToken cancellationToken = default) =>
        Start<IReadOnlyList<StemsItem>>("producer/stems", request, cancellationToken);

    /// <summary>A song's music video (<c>/producer/videos</c>; <paramref name="downloadPath"/> asks <c>/producer/download-video</c>, the same video).</summary>
    public Task<ProducerResult<SongVideo>> CreateVideoAsync(SongFileRequest request, bool downloadPath = false, CancellationToken cancellationToken = default) =>
        Run<SongVideo>(downloadPath ? "producer/download-video" : "producer/videos", request, cancellationToken);

    /// <summary>Starts making a song's video in the background.</summary>
    public Task<ProducerOperation<SongVideo>> StartCreateVideoAsync(SongFileRequest request, bool downloadPath = false, CancellationToken cancellationToken = default) =>
        Start<SongVideo>(downloadPath ? "producer/download-video" : "producer/videos", request, cancellationToken);

    /// <summary>Reads a file the API linked to (they need no token).</summary>
    public Task<byte[]> GetBytesAsync(Uri fileUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileUrl);
        return _pipeline.Http.GetByteArrayAsync(fileUrl, cancellationToken);
    }

    private Task<ProducerResult<T>> Run<T>(string path, ProducerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.RunAsync<T>(path, ProducerPipeline.Body(request, isAsync: false), cancellationToken);
    }

    private Task<ProducerOperation<T>> Start<T>(string path, ProducerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.StartAsync<T>(path, ProducerPipeline.Body(request, isAsync: true), cancellationToken);
    }

    private static MultipartFormDataContent Form(Stream content, string fileName, UploadFileOptions? options, bool isAsync)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var form = new MultipartFormDataContent { { new StreamContent(content), "file", fileName } };
        if (options?.Title is { } title) form.Add(new StringContent(title), "title");
        if (options?.CallbackUrl is { } callback) form.Add(new StringContent(callback.AbsoluteUri), "callback_url");
        if (isAsync) form.Add(new StringContent("true"), "async");
        return form;
    }
}
