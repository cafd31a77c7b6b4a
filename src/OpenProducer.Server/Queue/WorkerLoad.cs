namespace OpenProducer.Server.Queue;

/// <summary>
/// How many tasks this process's workers are running, so work of low priority (stems made ahead) runs only while
/// they are idle and gives way the moment a task starts.
/// </summary>
public sealed class WorkerLoad : IDisposable
{
    private readonly Lock _gate = new();
    private int _running;
    private CancellationTokenSource _busy = new();

    /// <summary>True while no task runs here.</summary>
    public bool Idle => Running == 0;

    /// <summary>How many tasks run here now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Cancelled as soon as a task starts here (a fresh token once idle again).</summary>
    public CancellationToken Busy
    {
        get
        {
            lock (_gate) return _busy.Token;
        }
    }

    /// <summary>A task starts; dispose the result when it ends.</summary>
    public IDisposable Run()
    {
        Interlocked.Increment(ref _running);
        CancellationTokenSource busy;
        lock (_gate)
        {
            busy = _busy;
            if (busy.IsCancellationRequested) busy = null!;
            else _busy = new CancellationTokenSource();
        }
        busy?.Cancel();
        busy?.Dispose();
        return new Ending(this);
    }

    public void Dispose()
    {
        lock (_gate) _busy.Dispose();
    }

    private sealed class Ending(WorkerLoad load) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref load._running);
        }
    }
}
