using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Work;

namespace OpenProducer.Server.Audios;

public static class AudiosEndpoints
{
    public static void MapAudios(this IEndpointRouteBuilder app)
    {
        app.MapPost("/producer/audios", async (HttpContext http, TaskStore store, SongStore songs, TaskSignals signals, CancellationToken ct) =>
        {
            var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct);
            if (bodyError is not null) return Json.Error(bodyError, http.TraceId());
            var (request, error) = AudioRequestParser.Parse(body);
            if (error is not null) return Json.Error(error, http.TraceId());
            return await TaskSubmission.SubmitAsync(http, store, songs, signals, request!, "audios", body, ct);
        }).AddEndpointFilter<BearerAuth>();

        // The same result as the stems action, recorded as a task of its own type.
        app.MapPost("/producer/stems", async (HttpContext http, TaskStore store, SongStore songs, TaskSignals signals, CancellationToken ct) =>
        {
            var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct);
            if (bodyError is not null) return Json.Error(bodyError, http.TraceId());
            var (request, error) = AudioRequestParser.Parse(body, "stems");
            if (error is not null) return Json.Error(error, http.TraceId());
            return await TaskSubmission.SubmitAsync(http, store, songs, signals, request!, "stems", body, ct);
        }).AddEndpointFilter<BearerAuth>();

        // The song's master as a lossless 16-bit WAV at 44.1 kHz, made from the float mix.
        app.MapPost("/producer/wav", async (HttpContext http, TaskStore store, SongStore songs, TaskSignals signals, CancellationToken ct) =>
        {
            var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct);
            if (bodyError is not null) return Json.Error(bodyError, http.TraceId());
            var (request, error) = AudioRequestParser.Parse(body, "wav");
            if (error is not null) return Json.Error(error, http.TraceId());
            return await TaskSubmission.SubmitAsync(http, store, songs, signals, request!, "wav", body, ct);
        }).AddEndpointFilter<BearerAuth>();
    }
}
