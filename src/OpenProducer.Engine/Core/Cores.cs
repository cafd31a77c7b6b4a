using System.Runtime.ExceptionServices;

namespace OpenProducer.Engine.Core;

/// <summary>
/// Two pieces of CPU-bound work at once: the second on a thread of its own, the first on the caller's. A dedicated
/// thread, not the thread pool: a render blocks for seconds, and on a two-core machine the pool would wait a second or
/// more before adding a thread, while the server needs its pool to answer requests. The thread runs at the caller's
/// priority (<see cref="ThreadNice"/>) and with the caller's <see cref="Scheduler"/>: a server's lower-priority song
/// work does not come back at full priority here, nor in the parallel loops and side tasks it starts.
/// </summary>
public static class Cores
{
    [ThreadStatic]
    private static TaskScheduler? t_scheduler;

    /// <summary>
    /// Where the work the engine starts beside its own goes (parallel loops' branches, side tasks): the scheduler the
    /// caller ran the engine on. On a thread of this class that is the scheduler of the thread that started it; a
    /// plain thread has no current task, so without this its loops would run on the thread pool, at the priority of a
    /// server's requests (a probe of a server making two songs found a fifth of a core of song work there).
    /// </summary>
    public static TaskScheduler Scheduler => t_scheduler ?? TaskScheduler.Current;

    /// <summary>Options for a parallel loop of the engine: its branches on <see cref="Scheduler"/>.</summary>
    public static ParallelOptions Loop() => new() { TaskScheduler = Scheduler };

    /// <summary>Audio this long or longer is worth splitting over two cores (a thread costs more than a few seconds of filtering saves).</summary>
    public const double SplitSeconds = 5;

    /// <summary>Runs both and returns when both are done; an exception from either is thrown (the first's first).</summary>
    public static void Both(Action first, Action second)
    {
        ExceptionDispatchInfo? failed = null;
        var thread = Start(() =>
        {
            try { second(); }
            catch (Exception e) { failed = ExceptionDispatchInfo.Capture(e); }
        });
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

    /// <summary>
    /// Runs every piece at once, the first on the caller's thread and each other on a thread of its own, and returns
    /// when all are done; an exception from any is thrown (the first's, or the earliest piece's that failed).
    /// </summary>
    public static void All(params Action[] work)
    {
        if (work.Length == 0) return;
        var failed = new ExceptionDispatchInfo?[work.Length];
        var threads = work.Skip(1).Select((w, i) => Start(() =>
        {
            try { w(); }
            catch (Exception e) { failed[i + 1] = ExceptionDispatchInfo.Capture(e); }
        })).ToList();
        try
        {
            work[0]();
        }
        finally
        {
            foreach (var thread in threads) thread.Join();
        }
        failed.FirstOrDefault(f => f is not null)?.Throw();
    }

    /// <summary>Starts work on a thread of its own; the task completes when it is done (cancelled if it stops for <paramref name="ct"/>).</summary>
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (ct.IsCancellationRequested)
        {
            done.SetCanceled(ct);
            return done.Task;
        }
        Start(() =>
        {
            try { done.SetResult(work()); }
            catch (OperationCanceledException e) when (e.CancellationToken == ct) { done.SetCanceled(ct); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    private static Thread Start(Action work)
    {
        int nice = ThreadNice.Current();
        bool idleOnly = ThreadNice.IsIdleOnly();
        var scheduler = Scheduler;
        var thread = new Thread(() =>
        {
            ThreadNice.Set(nice);
            if (idleOnly) ThreadNice.SetIdleOnly();
            t_scheduler = scheduler;
            work();
        }) { IsBackground = true, Name = "engine" };
        thread.Start();
        return thread;
    }
}
