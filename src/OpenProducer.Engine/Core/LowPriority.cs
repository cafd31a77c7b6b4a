using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Core;

/// <summary>The calling thread's scheduling priority (Linux: each thread has its own nice value).</summary>
public static partial class LowPriority
{
    private const int PrioProcess = 0, Lowest = 19;

    /// <summary>Makes the calling thread the last the scheduler serves (nice 19); where that cannot be done, nothing changes.</summary>
    public static void ForThisThread()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = SetPriority(PrioProcess, GetTid(), Lowest);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int prio);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
