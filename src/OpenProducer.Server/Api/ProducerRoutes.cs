namespace OpenProducer.Server.Api;

/// <summary>Routes every answer must cover: endpoints still to come, wrong methods, unknown paths.</summary>
public static class ProducerRoutes
{
    /// <summary>Producer endpoints that later work delivers; until then they answer api_not_implemented.</summary>
    public static readonly string[] Planned = [];

    private static readonly string[] Implemented =
    [
        "/producer/audios", "/producer/tasks", "/producer/stems", "/producer/wav", "/producer/download", "/producer/videos",
        "/producer/download-video", "/producer/lyrics", "/producer/upload",
    ];

    public static void MapPlannedAndFallback(this IEndpointRouteBuilder app)
    {
        foreach (var path in Planned)
            app.MapPost(path, (HttpContext http) => Json.Error(ProducerError.NotImplemented(), http.TraceId())).AddEndpointFilter<BearerAuth>()
                .ExcludeFromDescription();
        foreach (var path in Planned.Concat(Implemented))
            app.MapMethods(path, ["GET", "PUT", "PATCH", "DELETE"], (HttpContext http) => Json.Error(ProducerError.NoApi(), http.TraceId())).ExcludeFromDescription();
        // "{*path}" also takes paths that look like file names (the default fallback leaves those unanswered).
        app.MapFallback("{*path}", (HttpContext http) => Json.Error(ProducerError.NoApi(), http.TraceId())).ExcludeFromDescription();
    }
}
