using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Audios;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Tasks;

/// <summary>The task record as <c>/producer/tasks</c> returns it.</summary>
public static class TaskRecord
{
    public static JsonObject From(TaskRow t)
    {
        double end = t.FinishedAt ?? Clock.Now();
        return new JsonObject
        {
            ["id"] = t.Id,
            ["type"] = t.Type,
            ["created_at"] = Math.Round(t.CreatedAt, 3),
            ["started_at"] = t.StartedAt is double s ? Math.Round(s, 3) : null,
            ["finished_at"] = t.FinishedAt is double f ? Math.Round(f, 3) : null,
            ["elapsed"] = Math.Round(end - t.CreatedAt, 3),
            ["trace_id"] = t.TraceId,
            // What the task cost, and whether a failure gave it back.
            ["credits"] = t.Charged,
            ["refunded"] = t.Refunded,
            ["request"] = JsonNode.Parse(t.Request),
            ["response"] = t.Response is not null ? JsonNode.Parse(t.Response) : Pending(t),
        };
    }

    /// <summary>
    /// While a task waits or runs, its response shows its state and progress: for songs (and stems), as the song's
    /// item; for lyrics, downloads and videos, as a small object.
    /// </summary>
    private static JsonObject Pending(TaskRow t)
    {
        var request = JsonSerializer.Deserialize<AudioRequest>(t.Job)!;
        string state = t.State == TaskStates.Running ? "running" : "pending";
        var progress = new JsonObject { ["state"] = state, ["progress"] = $"{t.Progress}%" };
        // Each type's data keeps the shape it will have: a list for songs, stems and WAVs, an object otherwise.
        JsonNode data = t.Type switch
        {
            "audios" or "stems" => new JsonArray(SongItem.InProgress(t.SongId, request, state, t.Progress)),
            "wav" => new JsonArray(progress),
            _ => progress,
        };
        return new JsonObject { ["success"] = true, ["task_id"] = t.Id, ["trace_id"] = t.TraceId, ["data"] = data };
    }
}
