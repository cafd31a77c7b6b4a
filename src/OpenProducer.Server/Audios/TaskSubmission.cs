using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Work;

namespace OpenProducer.Server.Audios;

/// <summary>
/// Turns a validated request into a task and answers in the chosen delivery mode: the synchronous answer,
/// or <c>{"task_id"}</c> at once for <c>async</c> and <c>callback_url</c>.
/// </summary>
public static class TaskSubmission
{
    public static async Task<IResult> SubmitAsync(HttpContext http, TaskStore store, SongStore songs, TaskSignals signals,
        AudioRequest request, string type, JsonElement body, CancellationToken ct)
    {
        string traceId = http.TraceId();
        string app = http.Caller().ApplicationId;
        // A song that does not exist, or is another application's, is the same bad audio_id: nothing leaks.
        var source = request.AudioId is null ? null : songs.Find(request.AudioId, app);
        if (request.AudioId is not null && source is not { Engine: not null })
            return Json.Error(ProducerError.Invalid("audio_id"), traceId);
        if (source is { Engine: { } engine } && AudioRequestParser.FromSong.Contains(request.Action))
            request = FromSong(request, JsonNode.Parse(source.Value.Data)!, JsonSerializer.Deserialize<EngineRecord>(engine)!);

        var task = new TaskRow
        {
            Id = Guid.NewGuid().ToString(),
            ApplicationId = app,
            Type = type,
            TraceId = traceId,
            State = TaskStates.Pending,
            Request = body.GetRawText(),
            Job = JsonSerializer.Serialize(request),
            SongId = Guid.NewGuid().ToString(),
            CallbackUrl = request.CallbackUrl?.ToString(),
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

    /// <summary>
    /// A new song made from one of the caller's songs: it starts from the stored request and shows the source's
    /// title, words, style and model. A variation takes the request's seed as its variation number and its
    /// weirdness as how far to go.
    /// </summary>
    private static AudioRequest FromSong(AudioRequest request, JsonNode item, EngineRecord record)
    {
        var src = record.Request;
        return request with
        {
            Source = src with { Variation = request.Seed | 1, Weirdness = request.Weirdness },
            Prompt = src.Prompt, Sound = item["sound"]?.GetValue<string>() ?? src.Prompt, Model = src.Model,
            Title = item["title"]?.GetValue<string>(), Lyric = item["lyric"]?.GetValue<string>() ?? "",
            Instrumental = src.Instrumental, Custom = !src.WriteLyrics && src.Lyric.Length > 0,
        };
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
