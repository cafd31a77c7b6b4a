using OpenProducer.Server.Requests;
using OpenProducer.Server.SongFiles;

namespace OpenProducer.Server.Songs;

public static class AudiosEndpoints
{
    /// <summary><c>/producer/audios</c>: every action of the published API (new songs, their edits, and files of a song).</summary>
    /// <remarks> The stems actions there are files of a song: that feature's handler runs them.</remarks>
    public static void MapAudios(this IEndpointRouteBuilder app) => app.MapProducerTask("/producer/audios", action: null, type: "audios",
        job: r => AudioRequestParser.SongFiles.Contains(r.Action) ? SongFilesHandler.Job(r) : SongHandler.Job(r));
}
