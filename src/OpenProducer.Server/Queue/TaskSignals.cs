using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OpenProducer.Server.Queue;

/// <summary>
/// In-process wake-ups. The database is the truth; these only save workers and waiting requests from polling.
/// </summary>
public sealed class TaskSignals
{
    private readonly Channel<bool> _inputs = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _callbacks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new();

    // Work wakes every waiting worker loop, not one: the loops take different kinds of task (the lyrics lane, the
    // others), and a wake-up that went to a loop with nothing of its kind left the right one asleep until its poll ran
    // out (sync stems requests answered in 1-2 s instead of 10-40 ms).
    private TaskCompletionSource _work = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void WorkAvailable() =>
        Interlocked.Exchange(ref _work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Completes at the next <see cref="WorkAvailable"/>. Taken before a loop looks for work, so work that arrives while
    /// it looks wakes it at once (<see cref="WaitForWorkAsync(Task, TimeSpan, CancellationToken)"/>).
    /// </summary>
    public Task NextWork => Volatile.Read(ref _work).Task;

    public void CallbackDue() => _callbacks.Writer.TryWrite(true);

    /// <summary>A task's inputs (a cover image by URL) wait to be fetched.</summary>
    public void InputAvailable() => _inputs.Writer.TryWrite(true);

    public Task WaitForInputAsync(TimeSpan max, CancellationToken ct) => WaitAsync(_inputs.Reader, max, ct);

    /// <summary>Waits for <paramref name="wake"/> (see <see cref="NextWork"/>), at most <paramref name="max"/>, after which the caller looks again.</summary>
    public static async Task WaitForWorkAsync(Task wake, TimeSpan max, CancellationToken ct)
    {
        try
        {
            await wake.WaitAsync(max, ct);
        }
        catch (TimeoutException)
        {
            // Timed out: the caller re-checks the database.
        }
    }

    public Task WaitForCallbacksAsync(TimeSpan max, CancellationToken ct) => WaitAsync(_callbacks.Reader, max, ct);

    /// <summary>A task that completes when <paramref name="taskId"/> is reported finished in this process.</summary>
    public Task Finished(string taskId) =>
        _finished.GetOrAdd(taskId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Drops a waiter nobody needs any more (the caller left or the result was read).</summary>
    public void Forget(string taskId) => _finished.TryRemove(taskId, out _);

    public void ReportFinished(string taskId)
    {
        if (_finished.TryRemove(taskId, out var tcs)) tcs.TrySetResult();
    }

    private static async Task WaitAsync(ChannelReader<bool> reader, TimeSpan max, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(max);
        try
        {
            await reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out: the caller re-checks the database.
        }
    }
}
