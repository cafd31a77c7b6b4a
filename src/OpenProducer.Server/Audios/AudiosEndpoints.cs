using OpenProducer.Server.Accounts;

using OpenProducer.Server.Api;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Work;

namespace OpenProducer.Server.Audios;

public static class AudiosEndpoints
{
    public static void MapAudios(this IEndpointRouteBuilder app)
    {
        Map(app, "/producer/audios", action: null, type: "audios");
        // The same result as the stems action, recorded as a task of its own type.
        Map(app, "/producer/stems", action: "stems", type: "stems");
        // The song's master as a lossless 16-bit WAV at 44.1 kHz, made from the float mix.
        Map(app, "/producer/wav", action: "wav", type: "wav");
        // The master in mp3, m4a, wav or flac, or the score as MIDI, made once per song and format.
        Map(app, "/producer/download", action: "download", type: "download");
        // The song's music video (cover, waveform, karaoke lyrics); both paths of the published API make it.
        Map(app, "/producer/videos", action: "video", type: "videos");
        Map(app, "/producer/download-video", action: "video", type: "download-video");
        // A lyric sheet for a prompt.
        Map(app, "/producer/lyrics", action: "lyrics", type: "lyrics");
    }

    /// <summary>An endpoint that reads a body, validates it (with the action fixed when the path implies one) and submits a task.</summary>
    private static void Map(IEndpointRouteBuilder app, string path, string? action, string type) =>
        app.MapPost(path, async (HttpContext http, TaskStore store, SongStore songs, TaskSignals signals, PriceTable prices, CancellationToken ct) =>
        {
            var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct, AudioRequestParser.Fields);
            if (bodyError is not null) return Json.Error(bodyError, http.TraceId());
            var (request, error) = AudioRequestParser.Parse(body, action);
            if (error is not null) return Json.Error(error, http.TraceId());
            return await TaskSubmission.SubmitAsync(http, store, songs, signals, prices, request!, type, ct);
        }).AddEndpointFilter<BearerAuth>();
}
