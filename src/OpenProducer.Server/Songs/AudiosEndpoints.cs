using OpenProducer.Server.Requests;

namespace OpenProducer.Server.Songs;

public static class AudiosEndpoints
{
    /// <summary><c>/producer/audios</c>: every action of the published API (new songs, their edits, and files of a song).</summary>
    public static void MapAudios(this IEndpointRouteBuilder app) => app.MapProducerTask("/producer/audios", action: null, type: "audios");
}
