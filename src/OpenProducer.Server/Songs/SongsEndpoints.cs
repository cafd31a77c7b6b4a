using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Songs;

/// <summary><c>GET /v1/songs/{id}</c>: our extension, what the engine decided for a song (tempo, key, form, lines, melody).</summary>
public static class SongsEndpoints
{
    private static readonly string[] FileFields = ["audio_url", "image_url", "video_url"];

    public static void MapSongs(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/songs/{id}", async (HttpContext http, string id, SongStore songs, CancellationToken ct) =>
        {
            string? details = await songs.DetailsAsync(id, http.Caller().ApplicationId, ct);
            if (details is null) return Json.Error(new ProducerError(404, "not_found", "No song with this id."), http.TraceId());
            var body = JsonNode.Parse(details)!.AsObject();
            body.Insert(0, "id", id);
            // The song's files as they stand now (a video exists once one was asked for).
            if (await songs.FindAsync(id, http.Caller().ApplicationId, ct) is { } song && JsonNode.Parse(song.Data) is JsonObject data)
                foreach (var field in FileFields)
                    body[field] = data[field]?.DeepClone();
            return Json.Result(body);
        }).AddEndpointFilter<BearerAuth>();
}
