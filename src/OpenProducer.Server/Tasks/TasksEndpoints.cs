using System.Text.Json;
using OpenProducer.Server.Api;
using OpenProducer.Server.Files;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Tasks;

public static class TasksEndpoints
{
    private const int MaxBatch = 100;

    private static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal) { "action", "id", "ids", "task_id" };

    public static void MapTasks(this IEndpointRouteBuilder app) =>
        app.MapPost("/producer/tasks", HandleAsync).AddEndpointFilter<BearerAuth>();

    private static async Task<IResult> HandleAsync(HttpContext http, TaskStore store, TimeProvider time, PublicUrls urls, CancellationToken ct)
    {
        string traceId = http.TraceId();
        var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct, Fields);
        if (bodyError is not null) return Json.Error(bodyError, traceId);
        var f = new FieldReader(body);
        string? action = f.String("action", 64);
        if (f.Error is not null) return Json.Error(f.Error, traceId);
        // The OpenAPI file marks action optional: the ids say which is meant.
        if (string.IsNullOrEmpty(action))
            action = Has(body, "id") || Has(body, "task_id") ? "retrieve" : Has(body, "ids") ? "retrieve_batch" : null;
        string app = http.Caller().ApplicationId;
        switch (action)
        {
            case null: return Json.Error(ProducerError.Required("action"), traceId);
            case "retrieve":
            {
                string? id = f.String("id", 100) ?? f.String("task_id", 100);
                if (f.Error is not null) return Json.Error(f.Error, traceId);
                if (string.IsNullOrWhiteSpace(id)) return Json.Error(ProducerError.Required("id"), traceId);
                // An unknown id (or another application's) is an empty object, as the hosted API answers.
                var row = await store.GetAsync(id.Trim(), app, ct);
                return new StreamedJson((w, _) =>
                {
                    if (row is not null) TaskRecord.Write(w, row, time.UnixNow(), urls);
                    else
                    {
                        w.WriteStartObject();
                        w.WriteEndObject();
                    }
                    return Task.CompletedTask;
                });
            }
            case "retrieve_batch":
            {
                if (!body.TryGetProperty("ids", out var ids) || ids.ValueKind == JsonValueKind.Null)
                    return Json.Error(ProducerError.Required("ids"), traceId);
                if (ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() > MaxBatch || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                    return Json.Error(ProducerError.Invalid("ids"), traceId);
                // In the order asked, a repeated id repeated (the published guide asks for one id twice and gets two items).
                var wanted = ids.EnumerateArray().Select(i => i.GetString()!.Trim()).ToList();
                // Records are read and written one at a time: the answer may be large, the memory it takes is not.
                return new StreamedJson(async (w, flush) =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("items");
                    int count = 0;
                    foreach (var id in wanted)
                    {
                        if (await store.GetAsync(id, app, ct) is not { } row) continue;
                        TaskRecord.Write(w, row, time.UnixNow(), urls);
                        count++;
                        await flush();
                    }
                    w.WriteEndArray();
                    w.WriteNumber("count", count);
                    w.WriteEndObject();
                });
            }
            default: return Json.Error(ProducerError.Invalid("action"), traceId);
        }
    }

    private static bool Has(JsonElement body, string name) => body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
}
