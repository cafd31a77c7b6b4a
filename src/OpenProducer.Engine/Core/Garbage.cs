using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Core;

/// <summary>
/// A song's work goes through several song-length buffers that are dead once a stage is done (the band's and the
/// voice's intermediates once they are mixed). The collector would free them only when its large-object budget runs
/// out, which with buffers of 40–85 MB comes late: collecting once between the mix and the master lowered a worker's peak memory for
/// a 4-minute sung song by about 300 MB, for about 10 ms (non-compacting: nothing is moved). A background collection
/// instead, which does not stop a server's answers while it marks, came too late: the peak rose 1036 -> 1216 MiB.
/// The native side has the same habit: the C library keeps what FluidSynth's samples and the voices' synthesis freed
/// (90–130 MiB after a 4-minute song, measured with mallinfo2) resident for its next allocation, unless told to give it back.
/// </summary>
public static partial class Garbage
{
    /// <summary>Frees what the stage just finished left behind, managed and native.</summary>
    public static void CollectAfterStage()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        ReturnNativeFree();
    }

    /// <summary>
    /// Hands the pages the C library's allocator holds free back to the system (glibc's <c>malloc_trim</c>; a few
    /// milliseconds). Where there is no such call, nothing happens.
    /// </summary>
    public static void ReturnNativeFree() => _ = LinuxLibc.Call(() => MallocTrim(0), 0);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
