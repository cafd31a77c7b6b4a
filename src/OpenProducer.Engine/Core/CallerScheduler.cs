namespace OpenProducer.Engine.Core;

/// <summary>
/// Work the engine starts beside its own (the cover art while the song renders, a synth made ahead, a pass of an
/// edit) runs on the scheduler of whoever called the engine, as its parallel loops do, not always on the thread pool:
/// a server that runs the engine on threads of a lower priority keeps all of a song's work there (see <see cref="Cores.Scheduler"/>).
/// </summary>
public static class CallerScheduler
{
    public static Task<T> Run<T>(Func<T> work, CancellationToken ct = default) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.DenyChildAttach, Cores.Scheduler);

    public static Task Run(Action work, CancellationToken ct = default) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.DenyChildAttach, Cores.Scheduler);
}
