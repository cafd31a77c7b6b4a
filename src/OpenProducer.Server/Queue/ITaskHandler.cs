using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// Runs one kind of job for the workers. A feature provides its handler; the queue knows only rows, claims, leases
/// and signals, reads the kind from the stored job's envelope (<see cref="TaskJob"/>) and gives the job to the
/// handler that takes that kind.
/// </summary>
public interface ITaskHandler
{
    /// <summary>Whether this handler runs jobs of <paramref name="kind"/>.</summary>
    bool Takes(string kind);

    /// <summary>What the API says when the task fails for a reason of ours (the details go to the log).</summary>
    string FailedMessage(TaskRow task);

    /// <summary>Does the work of <paramref name="job"/> (the envelope's payload); returns the <c>data</c> of the task's answer.</summary>
    Task<JsonNode> RunAsync(TaskRow task, JsonElement job, IProgress<int> progress, CancellationToken ct);
}

/// <summary>A handler typed on its job record: the payload is read once, into <typeparamref name="TJob"/>.</summary>
public abstract class TaskHandler<TJob> : ITaskHandler where TJob : class
{
    /// <summary>The kind of job this handler runs, as its envelope names it.</summary>
    public abstract string Kind { get; }

    public bool Takes(string kind) => kind == Kind;

    public virtual string FailedMessage(TaskRow task) => TaskWorker.FailedMessage;

    Task<JsonNode> ITaskHandler.RunAsync(TaskRow task, JsonElement job, IProgress<int> progress, CancellationToken ct) =>
        RunAsync(task, TaskJob.Payload<TJob>(job), progress, ct);

    /// <summary>Does the work; returns the <c>data</c> of the task's answer.</summary>
    public abstract Task<JsonNode> RunAsync(TaskRow task, TJob job, IProgress<int> progress, CancellationToken ct);
}
