using System.Text.Json;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// What a kind of job points at outside the server (a cover image or a recording by URL), fetched and checked by
/// the input lane before a worker takes the task. A feature provides one for its kind of job.
/// </summary>
public interface ITaskInput
{
    /// <summary>Whether this input belongs to jobs of <paramref name="kind"/>.</summary>
    bool Takes(string kind);

    /// <summary>
    /// Fetches and checks the input and stages it where the task's handler finds it; a <see cref="UserInputException"/>
    /// says what was wrong with it.
    /// </summary>
    Task PrepareAsync(TaskRow task, JsonElement job, CancellationToken ct);

    /// <summary>What the API says when preparing failed for a reason of ours.</summary>
    string FailedMessage { get; }

    /// <summary>Removes what was staged for a task this lane no longer holds.</summary>
    void Discard(TaskRow task);
}
