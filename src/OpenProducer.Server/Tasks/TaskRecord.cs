using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Files;
using OpenProducer.Server.Lyrics;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.SongFiles;
using OpenProducer.Server.Songs;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Uploads;

namespace OpenProducer.Server.Tasks;

/// <summary>The task record as <c>/producer/tasks</c> and <c>GET /v1/tasks</c> return it, written straight to the answer.</summary>
public static class TaskRecord
{
    /// <summary>
    /// Writes one record. The stored request and response are JSON the server wrote; they are copied as they are,
    /// not parsed into objects first.
    /// </summary>
    /// <param name="now">Now, in Unix seconds: an unfinished task's elapsed time runs to it.</param>
    /// <param name="urls">The server's public links (an unfinished song's live stream is one).</param>
    public static void Write(Utf8JsonWriter w, TaskRow t, double now, PublicUrls urls)
    {
        double end = t.FinishedAt ?? now;
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("type", t.Type);
        w.WriteNumber("created_at", Math.Round(t.CreatedAt, 3));
        Number(w, "started_at", t.StartedAt);
        Number(w, "finished_at", t.FinishedAt);
        w.WriteNumber("elapsed", Math.Round(end - t.CreatedAt, 3));
        w.WriteString("trace_id", t.TraceId);
        // What the task cost, and whether a failure gave it back.
        w.WriteNumber("credits", t.Charged);
        w.WriteBoolean("refunded", t.Refunded);
        w.WritePropertyName("request");
        w.WriteRawValue(t.Request);
        w.WritePropertyName("response");
        if (t.Response is not null) w.WriteRawValue(t.Response);
        else Pending(t, urls).WriteTo(w, Json.Options);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v) w.WriteNumber(name, Math.Round(v, 3));
        else w.WriteNull(name);
    }

    /// <summary>
    /// While a task waits or runs, its response has the shape the finished one will have, every key of it present
    /// (null until known), plus its state and progress: a client that reads every poll as the same type does not break.
    /// </summary>
    private static JsonObject Pending(TaskRow t, PublicUrls urls)
    {
        string state = t.State == TaskStates.Running ? "running" : "pending";
        var (kind, job) = TaskJob.Read(t.Job);
        JsonNode data = kind switch
        {
            SongHandler.JobKind => new JsonArray(SongItem.InProgress(t.SongId, TaskJob.Payload<AudioRequest>(job), state, t.Progress, t.Id, urls)),
            SongFilesHandler.JobKind => SongFilesHandler.InProgress(TaskJob.Payload<SongFileJob>(job), state, t.Progress),
            LyricsHandler.JobKind => LyricsHandler.InProgress(state, t.Progress),
            UploadHandler.JobKind => UploadHandler.InProgress(t.SongId, state, t.Progress),
            _ => new JsonObject { ["state"] = state, ["progress"] = $"{t.Progress}%" },
        };
        return new JsonObject { ["success"] = true, ["task_id"] = t.Id, ["trace_id"] = t.TraceId, ["data"] = data };
    }
}
