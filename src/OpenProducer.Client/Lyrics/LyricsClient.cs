using OpenProducer.Client.Core;

namespace OpenProducer.Client.Lyrics;

/// <summary>Lyrics: a lyric sheet for a theme (<c>/producer/lyrics</c>).</summary>
public sealed class LyricsClient
{
    private const string Path = "producer/lyrics";
    private readonly ProducerPipeline _pipeline;

    internal LyricsClient(ProducerPipeline pipeline) => _pipeline = pipeline;

    /// <summary>Writes a lyric sheet and returns it.</summary>
    public Task<ProducerResult<LyricSheet>> CreateAsync(LyricsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.RunAsync<LyricSheet>(Path, ProducerPipeline.Body(request, isAsync: false), cancellationToken);
    }

    /// <summary>Starts writing a lyric sheet in the background.</summary>
    public Task<ProducerOperation<LyricSheet>> StartCreateAsync(LyricsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _pipeline.StartAsync<LyricSheet>(Path, ProducerPipeline.Body(request, isAsync: true), cancellationToken);
    }
}
