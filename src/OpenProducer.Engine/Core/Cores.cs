using System.Runtime.ExceptionServices;

namespace OpenProducer.Engine.Core;

/// <summary>
/// Two pieces of CPU-bound work at once: the second on a thread of its own, the first on the caller's. A dedicated
/// thread, not the thread pool: a render blocks for seconds, and on a two-core machine the pool would wait a second or
/// more before adding a thread, while the server needs its pool to answer requests.
/// </summary>
public static class Cores
{
    /// <summary>Runs both and returns when both are done; an exception from either is thrown (the first's first).</summary>
    public static void Both(Action first, Action second)
    {
        ExceptionDispatchInfo? failed = null;
        var thread = new Thread(() =>
        {
            try { second(); }
            catch (Exception e) { failed = ExceptionDispatchInfo.Capture(e); }
        }) { IsBackground = true, Name = "engine" };
        thread.Start();
        try
        {
            first();
        }
        finally
        {
            thread.Join();
        }
        failed?.Throw();
    }

    /// <summary>Starts work on a thread of its own; the task completes when it is done.</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
