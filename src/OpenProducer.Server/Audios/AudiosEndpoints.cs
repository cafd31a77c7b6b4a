using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Work;

namespace OpenProducer.Server.Audios;

public static class AudiosEndpoints
{
    public static void MapAudios(this IEndpointRouteBuilder app) =>
        app.MapPost("/producer/audios", HandleAsync).AddEndpointFilter<BearerAuth>();

    private static async Task<IResult> HandleAsync(HttpContext http, TaskStore store, TaskSignals signals, CancellationToken ct)
    {
        string traceId = http.TraceId();
        var (body, bodyError) = await Json.ReadObjectAsync(http.Request, ct);
        if (bodyError is not null) return Json.Error(bodyError, traceId);
        var (request, error) = AudioRequestParser.Parse(body);
        if (error is not null) return Json.Error(error, traceId);

        var task = new TaskRow
        {
            Id = Guid.NewGuid().ToString(),
            ApplicationId = http.Caller().ApplicationId,
            Type = "audios",
            TraceId = traceId,
            State = TaskStates.Pending,
            Request = body.GetRawText(),
            Job = JsonSerializer.Serialize(request),
            SongId = Guid.NewGuid().ToString(),
            CallbackUrl = request!.CallbackUrl?.ToString(),
            CreatedAt = Clock.Now(),
        };
        bool wait = !request.Async && request.CallbackUrl is null;
        // A synchronous caller listens before the task exists, so it cannot miss the finish.
        var finished = wait ? signals.Finished(task.Id) : Task.CompletedTask;
        store.Insert(task);
        signals.WorkAvailable();

        if (!wait) return Json.Result(new JsonObject { ["task_id"] = task.Id });
        try
        {
            return await WaitForResultAsync(store, task.Id, finished, ct);
        }
        finally
        {
            signals.Forget(task.Id);
        }
    }

    /// <summary>Synchronous mode: the request waits for its task. The task goes on if the client leaves.</summary>
    private static async Task<IResult> WaitForResultAsync(TaskStore store, string taskId, Task finished, CancellationToken ct)
    {
        while (true)
        {
            // The signal is the fast path; the periodic re-read covers a task finished by another process.
            await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(2), ct));
            ct.ThrowIfCancellationRequested();
            var row = store.GetAny(taskId);
            if (row is { Finished: true, Response: not null })
                return Json.Result(JsonNode.Parse(row.Response)!, row.State == TaskStates.Succeeded ? 200 : 500);
        }
    }
}
