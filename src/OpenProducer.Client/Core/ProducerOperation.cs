using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenProducer.Client.Core;

/// <summary>
/// A task running on the server: submitted with <c>async</c> (or a callback), followed by polling
/// <c>/producer/tasks</c> until it finishes.
/// </summary>
/// <typeparam name="T">What the task makes.</typeparam>
public sealed class ProducerOperation<T>
{
    private readonly ProducerPipeline _pipeline;
    private ProducerResult<T>? _result;

    internal ProducerOperation(ProducerPipeline pipeline, string taskId, Uri? streamAudioUrl)
    {
        _pipeline = pipeline;
        TaskId = taskId;
        StreamAudioUrl = streamAudioUrl;
    }

    /// <summary>The task's id.</summary>
    public string TaskId { get; }

    /// <summary>For a song made afresh: a link that plays it while it is made (the server's extension), else null.</summary>
    public Uri? StreamAudioUrl { get; }

    /// <summary>How long to wait between polls. One second unless set.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The state and progress the last poll saw, or null before the first.</summary>
    public TaskProgress? LastProgress { get; private set; }

    /// <summary>Whether the task has finished with an answer (<see cref="Value"/>).</summary>
    public bool HasCompleted => _result is not null;

    /// <summary>The finished task's answer.</summary>
    /// <exception cref="InvalidOperationException">The task has not finished (or failed).</exception>
    public ProducerResult<T> Value => _result ?? throw new InvalidOperationException($"task {TaskId} has not completed");

    /// <summary>Polls the task once.</summary>
    /// <returns>The task record.</returns>
    /// <exception cref="ProducerException">The server refused the poll, or the task finished with an error.</exception>
    public async Task<ProducerTask> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var task = await PollAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(task);
        return task;
    }

    /// <summary>
    /// Polls until the task finishes, reporting each change of state or progress (a failure too), and returns its answer.
    /// </summary>
    /// <param name="progress">Told each new state and percentage the server reports.</param>
    /// <exception cref="ProducerException">The task failed; its charge was refunded (<see cref="ProducerTask.Refunded"/>).</exception>
    public async Task<ProducerResult<T>> WaitForCompletionAsync(IProgress<TaskProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TaskProgress? reported = null;
        while (true)
        {
            var task = await PollAsync(cancellationToken).ConfigureAwait(false);
            var now = task.Progress;
            if (reported is null || reported.State != now.State || reported.Percent != now.Percent)
            {
                progress?.Report(now);
                reported = now;
            }
            ThrowIfFailed(task);
            if (_result is { } result) return result;
            await Task.Delay(PollingInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProducerTask> PollAsync(CancellationToken cancellationToken)
    {
        var answer = await _pipeline.PostAsync("producer/tasks", new JsonObject { ["action"] = "retrieve", ["id"] = TaskId }, cancellationToken)
            .ConfigureAwait(false);
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("id", out _))
            throw new ProducerException(404, ProducerErrorCode.NotFound, $"No task {TaskId} (the server may have removed it).", null);
        var task = ProducerPipeline.Read<ProducerTask>(answer);
        LastProgress = task.Progress;
        if (task.IsFinished && !task.IsFailed) _result = ProducerPipeline.Result<T>(task.Response);
        return task;
    }

    private static void ThrowIfFailed(ProducerTask task)
    {
        if (!task.IsFailed) return;
        // The status the synchronous answer would have had: the caller's input (400) or the server (500).
        var code = ProducerPipeline.Text(task.Response.GetProperty("error"), "code");
        throw ProducerPipeline.Error(code == ProducerErrorCode.BadRequest.ToString() ? 400 : 500, task.Response);
    }
}
