using OpenProducer.Server.Requests;

namespace OpenProducer.Server.SongFiles;

public static class SongFilesEndpoints
{
    /// <summary>The same result as the stems action, recorded as a task of its own type.</summary>
    public static readonly ProducerRoute Stems = new("/producer/stems", Action: "stems", Type: "stems", Job: SongFilesHandler.Job);

    /// <summary>The song's master as a lossless 16-bit WAV at 44.1 kHz, made from the float mix.</summary>
    public static readonly ProducerRoute Wav = new("/producer/wav", Action: "wav", Type: "wav", Job: SongFilesHandler.Job);

    /// <summary>The master in mp3, m4a, wav or flac, or the score as MIDI, made once per song and format.</summary>
    public static readonly ProducerRoute Download = new("/producer/download", Action: "download", Type: "download", Job: SongFilesHandler.Job);

    /// <summary>The song's music video (cover, waveform, karaoke lyrics); both paths of the published API make it.</summary>
    public static readonly ProducerRoute Videos = new("/producer/videos", Action: "video", Type: "videos", Job: SongFilesHandler.Job);

    public static readonly ProducerRoute DownloadVideo = new("/producer/download-video", Action: "video", Type: "download-video", Job: SongFilesHandler.Job);

    public static void MapSongFiles(this IEndpointRouteBuilder app)
    {
        foreach (var route in new[] { Stems, Wav, Download, Videos, DownloadVideo }) app.MapProducerTask(route);
    }
}
