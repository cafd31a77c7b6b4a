namespace OpenProducer.Engine.Core;

/// <summary>
/// A song's work goes through several song-length buffers that are dead once a stage is done (the band's and the
/// voice's intermediates once they are mixed). The collector would free them only when its large-object budget runs
/// out, which with buffers of 40–85 MB comes late: collecting once between the mix and the master lowered a worker's peak memory for
/// a 4-minute sung song by about 300 MB. The collection is a background one: it frees without moving anything and
/// without stopping the process for its whole length (a blocking one, started from a render thread at low priority
/// while other renders held the cores, stopped a server's answers for tens of milliseconds).
/// </summary>
public static class Garbage
{
    /// <summary>Frees what the stage just finished left behind.</summary>
    public static void CollectAfterStage() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
}
