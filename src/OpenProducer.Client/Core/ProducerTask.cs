using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProducer.Client.Core;

/// <summary>A task record as <c>/producer/tasks</c> and <c>GET /v1/tasks</c> return it.</summary>
public sealed record ProducerTask
{
    /// <summary>The task's id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>What kind of task: <c>audios</c>, <c>stems</c>, <c>wav</c>, <c>download</c>, <c>videos</c>, <c>download-video</c>, <c>lyrics</c> or <c>upload</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>When the task was accepted (Unix seconds).</summary>
    [JsonPropertyName("created_at")]
    public double CreatedAt { get; init; }

    /// <summary>When a worker took it (Unix seconds), or null.</summary>
    [JsonPropertyName("started_at")]
    public double? StartedAt { get; init; }

    /// <summary>When it finished (Unix seconds), or null while it waits or runs.</summary>
    [JsonPropertyName("finished_at")]
    public double? FinishedAt { get; init; }

    /// <summary>Seconds from acceptance to its finish, or to now while it runs.</summary>
    [JsonPropertyName("elapsed")]
    public double Elapsed { get; init; }

    /// <summary>The submitting request's trace id.</summary>
    [JsonPropertyName("trace_id")]
    public string? TraceId { get; init; }

    /// <summary>What the task cost.</summary>
    [JsonPropertyName("credits")]
    public long Credits { get; init; }

    /// <summary>Whether a failure gave the credits back.</summary>
    [JsonPropertyName("refunded")]
    public bool Refunded { get; init; }

    /// <summary>The request as the server recorded it.</summary>
    [JsonPropertyName("request")]
    public JsonElement Request { get; init; }

    /// <summary>The answer: the finished one, or while the task runs one of the same shape with its state and progress.</summary>
    [JsonPropertyName("response")]
    public JsonElement Response { get; init; }

    /// <summary>Whether the task has finished, either way.</summary>
    public bool IsFinished => FinishedAt is not null;

    /// <summary>Whether it finished with an error body.</summary>
    public bool IsFailed => IsFinished && Response.ValueKind == JsonValueKind.Object
        && Response.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.False;

    /// <summary>The task's state and progress as this record shows them.</summary>
    public TaskProgress Progress
    {
        get
        {
            var elapsed = TimeSpan.FromSeconds(Elapsed);
            if (IsFinished) return new TaskProgress(IsFailed ? "failed" : "succeeded", IsFailed ? null : 100, elapsed);
            var item = Item();
            string state = item is { } i && i.TryGetProperty("state", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString()! : StartedAt is null ? "pending" : "running";
            return new TaskProgress(state, item is { } p ? Percent(p) : null, elapsed);
        }
    }

    /// <summary>The part of the answer that carries state and progress: <c>data</c>, or its first item.</summary>
    private JsonElement? Item()
    {
        if (Response.ValueKind != JsonValueKind.Object || !Response.TryGetProperty("data", out var data)) return null;
        if (data.ValueKind == JsonValueKind.Array) return data.GetArrayLength() > 0 ? data[0] : null;
        return data.ValueKind == JsonValueKind.Object ? data : null;
    }

    private static int? Percent(JsonElement item)
    {
        if (!item.TryGetProperty("progress", out var p)) return null;
        if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int n)) return n;
        if (p.ValueKind != JsonValueKind.String) return null;
        return int.TryParse(p.GetString()!.TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
    }
}
