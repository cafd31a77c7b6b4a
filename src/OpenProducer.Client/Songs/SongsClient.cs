using OpenProducer.Client.Core;

namespace OpenProducer.Client.Songs;

/// <summary>
/// Songs: every <c>/producer/audios</c> action, each either answered when finished (the synchronous mode) or started
/// in the background (<c>async</c>) as a <see cref="ProducerOperation{T}"/>; and a song's details.
/// </summary>
public sealed class SongsClient
{
    private const string Path = "producer/audios";
    private readonly ProducerPipeline _pipeline;

    internal SongsClient(ProducerPipeline pipeline) => _pipeline = pipeline;

    /// <summary>Makes a song (any action of <see cref="SongRequest"/>) and returns it when finished.</summary>
    /// <exception cref="ProducerException">The server refused the request, or the song failed (and was refunded).</exception>
    public Task<ProducerResult<IReadOnlyList<SongItem>>> CreateAsync(SongRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.RunAsync<IReadOnlyList<SongItem>>(Path, ProducerPipeline.Body(request, isAsync: false), cancellationToken);
    }

    /// <summary>Starts making a song in the background; the operation follows it.</summary>
    /// <exception cref="ProducerException">The server refused the request.</exception>
    public Task<ProducerOperation<IReadOnlyList<SongItem>>> StartCreateAsync(SongRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.StartAsync<IReadOnlyList<SongItem>>(Path, ProducerPipeline.Body(request, isAsync: true), cancellationToken);
    }

    /// <summary>Separates one of the caller's songs into stems and returns them when ready.</summary>
    public Task<ProducerResult<IReadOnlyList<StemsItem>>> CreateStemsAsync(StemsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.RunAsync<IReadOnlyList<StemsItem>>(Path, ProducerPipeline.Body(request, isAsync: false), cancellationToken);
    }

    /// <summary>Starts separating a song into stems in the background.</summary>
    public Task<ProducerOperation<IReadOnlyList<StemsItem>>> StartCreateStemsAsync(StemsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.StartAsync<IReadOnlyList<StemsItem>>(Path, ProducerPipeline.Body(request, isAsync: true), cancellationToken);
    }

    /// <summary>What the engine decided for one of the caller's songs (<c>GET /v1/songs/{id}</c>).</summary>
    /// <exception cref="ProducerException"><c>not_found</c> when there is no such song of the caller's.</exception>
    public Task<SongDetails> GetDetailsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _pipeline.GetAsync<SongDetails>("v1/songs/" + Uri.EscapeDataString(id), cancellationToken);
    }
}
