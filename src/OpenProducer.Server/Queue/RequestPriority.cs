namespace OpenProducer.Server.Queue;

/// <summary>
/// Database work a job does, run on the thread pool at the priority of the threads that answer requests. The work
/// threads are in the idle class (<see cref="WorkScheduler"/>): one that took a lock in SQLite could be kept off the
/// cores for as long as request threads wanted them, and a request that needed that lock would wait as long.
/// </summary>
public static class RequestPriority
{
    /// <summary>Runs <paramref name="work"/> on the pool and waits for it without holding the pool's thread.</summary>
    public static Task RunAsync(Action work) => Task.Run(work, CancellationToken.None);
}
