using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// Keeps a running task's lease alive, renewing it every third of its length until disposed; when the task is
/// found to be no longer this claim's, cancels the source it was given.
/// </summary>
public sealed class LeaseRenewal : IDisposable
{
    private readonly Timer _timer;

    public LeaseRenewal(TaskStore store, TaskRow task, CancellationTokenSource lost, ILogger log)
    {
        var every = TimeSpan.FromSeconds(TaskStore.LeaseSeconds / 3);
        _timer = new Timer(_ =>
        {
            try
            {
                if (!store.Renew(task.Id, task.Attempts)) lost.Cancel();
            }
            catch (Exception e) when (e is not ObjectDisposedException)
            {
                log.LogWarning("could not renew the lease of task {TaskId}: {Reason}", task.Id, e.Message);
            }
            catch (ObjectDisposedException)
            {
                // The task ended while the timer fired.
            }
        }, null, every, every);
    }

    public void Dispose() => _timer.Dispose();
}
