using System.Text.Json.Nodes;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// Runs one family of tasks for the workers. A feature provides its handler; the queue knows only rows, claims,
/// leases and signals, and asks each handler in turn whether a claimed task is its own.
/// </summary>
public interface ITaskHandler
{
    /// <summary>Whether this handler runs the task (read from its type and its stored job).</summary>
    bool Runs(TaskRow task);

    /// <summary>What the API says when the task fails for a reason of ours (the details go to the log).</summary>
    string FailedMessage(TaskRow task);

    /// <summary>Does the work; returns the <c>data</c> of the task's answer.</summary>
    Task<JsonNode> RunAsync(TaskRow task, IProgress<int> progress, CancellationToken ct);
}
