using System.Collections.Concurrent;
using OpenProducer.Engine.Core;

namespace OpenProducer.Server.Queue;

/// <summary>
/// Runs the workers' jobs on threads of their own, in Linux's idle scheduling class (and at nice 10): they run on the
/// CPU time the threads that answer requests leave, and a request thread that wakes takes a core from them at once. A
/// song keeps every core busy for many seconds (synth, voice, mastering); on the shared thread pool, at the same
/// priority, a task poll waited behind it for tens of milliseconds, and at nice 10 a poll still often waited for the
/// running song thread's turn to end (bench server, two songs rendering, 500 retrieves/s: p50 2.3-3.2 ms and p99
/// 16-21 ms at nice 10; p50 1.1-1.5 ms, the p50 of a server rendering nothing, and p99 7.7-10 ms in the idle class,
/// in most runs). The jobs' awaits come back to these threads and the engine's parallel loops run on them (both
/// follow the current scheduler), so a render never takes a request thread's turn. A thread's priority cannot be
/// raised again without privileges, which is why the threads are these and not the pool's. Child processes (ffmpeg)
/// inherit the priority of the thread that starts them. Jobs here give way to requests entirely: a server whose
/// requests alone kept every core busy would make no songs until they eased.
/// </summary>
public sealed class WorkScheduler : TaskScheduler, IDisposable
{
    /// <summary>The nice value of the work threads (it orders them where there is no idle class; within it, it makes no difference).</summary>
    public const int Nice = 10;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;
    private readonly int _nice;

    /// <param name="threads">How many jobs and parallel loop branches may run at once.</param>
    /// <param name="nice">The threads' nice value: <see cref="Nice"/>, or lower still for work that waits for idle time.</param>
    /// <param name="name">The threads' name, as a probe of the process shows them.</param>
    public WorkScheduler(int threads, int nice = Nice, string name = "work")
    {
        _nice = nice;
        _threads = [.. Enumerable.Range(0, Math.Max(1, threads)).Select(i => new Thread(Run) { IsBackground = true, Name = $"{name} {i}" })];
        foreach (var t in _threads) t.Start();
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>
    /// Runs <paramref name="job"/> here; its awaits and parallel loops stay here, its Task.Run calls go to the pool. The
    /// caller goes on on the pool, not on the work thread that finished the job: what it does next (recording the
    /// task's end in the database) runs at the requests' priority (<see cref="RequestPriority"/>).
    /// </summary>
    public async Task<T> Run<T>(Func<Task<T>> job, CancellationToken ct) =>
        await Task.Factory.StartNew(job, ct, TaskCreationOptions.DenyChildAttach, this).Unwrap().ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    private void Run()
    {
        ThreadNice.Set(_nice);
        ThreadNice.SetIdleOnly();
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    protected override void QueueTask(Task task)
    {
        try { _queue.Add(task); }
        // The server is stopping: what is left of a job finishes on the pool.
        catch (InvalidOperationException) { ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null); }
    }

    // A thread of the work's priority or lower that waits on a task of this scheduler runs it itself: a work thread, or
    // a thread the engine started from one (Cores), whose parallel loop runs its first branch in place while the other
    // branches wait here for a free work thread. A request thread never runs song work in place.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ThreadNice.Current() >= _nice && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    /// <summary>The threads end once their queue is empty (the collection itself is left to the GC: they may still be reading it).</summary>
    public void Dispose() => _queue.CompleteAdding();
}
