using OpenProducer.Server.Api;

namespace OpenProducer.Server.Requests;

public static class ProducerEndpoints
{
    /// <summary>
    /// A <c>/producer/…</c> endpoint that reads a body, validates it (with the action fixed when the path implies one)
    /// and submits a task of the route's type. Each feature maps its own routes with it.
    /// </summary>
    public static RouteHandlerBuilder MapProducerTask(this IEndpointRouteBuilder app, ProducerRoute route) =>
        app.MapPost(route.Path, async (HttpContext http, [AsParameters] TaskSubmission.Services services, CancellationToken ct) =>
        {
            var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct, AudioRequestParser.Fields);
            if (bodyError is not null) return Json.Error(bodyError, http.TraceId());
            var (request, error) = AudioRequestParser.Parse(body, route.Action);
            if (error is not null) return Json.Error(error, http.TraceId());
            return await TaskSubmission.SubmitAsync(http, services, request!, route.Type, route.Job, ct);
        }).AddEndpointFilter<BearerAuth>();
}
