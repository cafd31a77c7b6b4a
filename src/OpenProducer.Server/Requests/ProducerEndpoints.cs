using OpenProducer.Server.Api;

namespace OpenProducer.Server.Requests;

public static class ProducerEndpoints
{
    /// <summary>
    /// A <c>/producer/…</c> endpoint that reads a body, validates it (with the action fixed when the path implies one)
    /// and submits a task of <paramref name="type"/>. Each feature maps its own paths with it, and says with
    /// <paramref name="job"/> what job its handler is given for a request (the stored text, kind named).
    /// </summary>
    public static RouteHandlerBuilder MapProducerTask(this IEndpointRouteBuilder app, string path, string? action, string type,
        Func<AudioRequest, string> job) =>
        app.MapPost(path, async (HttpContext http, [AsParameters] TaskSubmission.Services services, CancellationToken ct) =>
        {
            var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct, AudioRequestParser.Fields);
            if (bodyError is not null) return Json.Error(bodyError, http.TraceId());
            var (request, error) = AudioRequestParser.Parse(body, action);
            if (error is not null) return Json.Error(error, http.TraceId());
            return await TaskSubmission.SubmitAsync(http, services, request!, type, job, ct);
        }).AddEndpointFilter<BearerAuth>();
}
