using System.Globalization;
using OpenProducer.Server.Api;
using OpenProducer.Server.Files;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Tasks;

/// <summary>
/// <c>GET /v1/tasks</c> (our extension): the caller's tasks, newest first, as <c>/producer/tasks</c> shows them, so
/// every charged task can be found, also by a synchronous client that left before its answer.
/// <c>?limit=</c> 1–100 (20), <c>?state=</c>, <c>?type=</c>, and <c>?before=</c> the <c>next</c> of the previous page.
/// </summary>
public static class TaskListEndpoint
{
    public const int DefaultLimit = 20, MaxLimit = 100;

    private static readonly string[] States = [TaskStates.Pending, TaskStates.Running, TaskStates.Succeeded, TaskStates.Failed];

    public static readonly string[] Types = ["audios", "stems", "wav", "download", "videos", "download-video", "lyrics", "upload"];

    public static void MapTaskList(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tasks", async (HttpContext http, TaskPages pages, TaskStore store, TimeProvider time, PublicUrls urls, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            string traceId = http.TraceId();
            int limit = DefaultLimit;
            if (q["limit"].ToString() is { Length: > 0 } l
                && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
                return Json.Error(ProducerError.BadRequest($"limit is invalid: it must be a whole number from 1 to {MaxLimit}."), traceId);
            string? state = Optional(q["state"]), type = Optional(q["type"]), before = Optional(q["before"]);
            if (state is not null && !States.Contains(state))
                return Json.Error(ProducerError.BadRequest($"state is invalid: it must be one of {string.Join(", ", States)}."), traceId);
            if (type is not null && !Types.Contains(type))
                return Json.Error(ProducerError.BadRequest($"type is invalid: it must be one of {string.Join(", ", Types)}."), traceId);
            if (before is { Length: > 100 }) return Json.Error(ProducerError.Invalid("before"), traceId);
            string app = http.Caller().ApplicationId;
            if (await pages.PageAsync(new TaskFilter(app, state, type, before, limit), ct) is not var (ids, more))
                return Json.Error(ProducerError.BadRequest("before is invalid: it is not one of your tasks."), traceId);
            return new StreamedJson(async (w, flush) =>
            {
                w.WriteStartObject();
                w.WriteStartArray("items");
                int count = 0;
                foreach (var id in ids)
                {
                    // A task removed since the page was listed (retention) is left out.
                    if (await store.GetAsync(id, app, ct) is not { } row) continue;
                    TaskRecord.Write(w, row, time.UnixNow(), urls);
                    count++;
                    await flush();
                }
                w.WriteEndArray();
                w.WriteNumber("count", count);
                if (more && ids.Count > 0) w.WriteString("next", ids[^1]);
                else w.WriteNull("next");
                w.WriteEndObject();
            });
        }).AddEndpointFilter<BearerAuth>();

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } s ? s.Trim() : null;
}
