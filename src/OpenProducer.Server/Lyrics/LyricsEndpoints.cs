using OpenProducer.Server.Requests;

namespace OpenProducer.Server.Lyrics;

public static class LyricsEndpoints
{
    /// <summary><c>/producer/lyrics</c>: a lyric sheet for a prompt.</summary>
    public static void MapLyrics(this IEndpointRouteBuilder app) => app.MapProducerTask("/producer/lyrics", action: "lyrics", type: "lyrics", job: LyricsHandler.Job);
}
