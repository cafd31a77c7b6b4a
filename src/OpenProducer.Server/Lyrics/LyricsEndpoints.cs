using OpenProducer.Server.Requests;

namespace OpenProducer.Server.Lyrics;

public static class LyricsEndpoints
{
    /// <summary><c>/producer/lyrics</c>: a lyric sheet for a prompt.</summary>
    public static readonly ProducerRoute Route = new("/producer/lyrics", Action: "lyrics", Type: "lyrics", Job: LyricsHandler.Job);

    public static void MapLyrics(this IEndpointRouteBuilder app) => app.MapProducerTask(Route);
}
