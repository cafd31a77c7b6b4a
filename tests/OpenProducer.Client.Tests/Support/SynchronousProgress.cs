namespace OpenProducer.Client.Tests.Support;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread: every report is seen before the wait
/// returns (<see cref="Progress{T}"/> posts to the thread pool and may run late).
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value)
    {
        lock (handler) handler(value);
    }
}
