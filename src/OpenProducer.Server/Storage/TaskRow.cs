namespace OpenProducer.Server.Storage;

public static class TaskStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>A task as stored: the row is the truth, queues only wake workers.</summary>
public sealed record TaskRow
{
    public required string Id { get; init; }
    public required string ApplicationId { get; init; }
    public required string Type { get; init; }
    public required string TraceId { get; init; }
    public required string State { get; init; }
    public int Progress { get; init; }
    /// <summary>The request's recognised fields, normalised (shown in the task record; see <see cref="Api.RecordedRequest"/>).</summary>
    public required string Request { get; init; }
    /// <summary>The validated, normalised request the worker runs (seed resolved); emptied once the task has finished.</summary>
    public required string Job { get; init; }
    public string? Response { get; init; }
    public string? Error { get; init; }
    public required string SongId { get; init; }
    public int Attempts { get; init; }
    public string? CallbackUrl { get; init; }
    public string? CallbackState { get; init; }
    public int CallbackAttempts { get; init; }
    public string? CallbackLog { get; init; }
    public required double CreatedAt { get; init; }
    public double? StartedAt { get; init; }
    public double? FinishedAt { get; init; }
    /// <summary>Credits taken from the application's balance when the task was accepted.</summary>
    public long Charged { get; init; }
    /// <summary>True once a failed task's charge was given back.</summary>
    public bool Refunded { get; init; }
    /// <summary>
    /// Something the request points at (a cover image by URL) must be fetched and read before the task's real work;
    /// the input lane does it, and song workers take the task only after.
    /// </summary>
    public bool NeedsInput { get; init; }

    public bool Finished => State is TaskStates.Succeeded or TaskStates.Failed;
}
