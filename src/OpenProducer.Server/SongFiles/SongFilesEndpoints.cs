using OpenProducer.Server.Requests;

namespace OpenProducer.Server.SongFiles;

public static class SongFilesEndpoints
{
    public static void MapSongFiles(this IEndpointRouteBuilder app)
    {
        // The same result as the stems action, recorded as a task of its own type.
        app.MapProducerTask("/producer/stems", action: "stems", type: "stems", job: SongFilesHandler.Job);
        // The song's master as a lossless 16-bit WAV at 44.1 kHz, made from the float mix.
        app.MapProducerTask("/producer/wav", action: "wav", type: "wav", job: SongFilesHandler.Job);
        // The master in mp3, m4a, wav or flac, or the score as MIDI, made once per song and format.
        app.MapProducerTask("/producer/download", action: "download", type: "download", job: SongFilesHandler.Job);
        // The song's music video (cover, waveform, karaoke lyrics); both paths of the published API make it.
        app.MapProducerTask("/producer/videos", action: "video", type: "videos", job: SongFilesHandler.Job);
        app.MapProducerTask("/producer/download-video", action: "video", type: "download-video", job: SongFilesHandler.Job);
    }
}
