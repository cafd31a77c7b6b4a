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
            ["request"] = JsonNode.Parse(t.Request),
            ["response"] = t.Response is not null ? JsonNode.Parse(t.Response) : Pending(t),
        };
    }

    /// <summary>While a task waits or runs, its response shows the song's state and progress.</summary>
    private static JsonObject Pending(TaskRow t)
    {
        var request = JsonSerializer.Deserialize<AudioRequest>(t.Job)!;
        string state = t.State == TaskStates.Running ? "running" : "pending";
        return new JsonObject
        {
            ["success"] = true,
            ["task_id"] = t.Id,
            ["trace_id"] = t.TraceId,
            ["data"] = new JsonArray(SongItem.InProgress(t.SongId, request, state, t.Progress)),
        };
    }
}
