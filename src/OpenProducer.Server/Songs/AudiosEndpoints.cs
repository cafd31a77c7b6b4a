using OpenProducer.Server.Requests;
using OpenProducer.Server.SongFiles;

namespace OpenProducer.Server.Songs;

public static class AudiosEndpoints
{
    /// <summary>
    /// <c>/producer/audios</c>: every action of the published API (new songs, their edits, and files of a song). The
    /// stems actions there are files of a song: that feature's handler runs them.
    /// </summary>
    public static readonly ProducerRoute Route = new("/producer/audios", Action: null, Type: "audios",
        Job: r => AudioRequestParser.SongFiles.Contains(r.Action) ? SongFilesHandler.Job(r) : SongHandler.Job(r));

    public static void MapAudios(this IEndpointRouteBuilder app) => app.MapProducerTask(Route);
}
