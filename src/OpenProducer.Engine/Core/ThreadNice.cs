using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Core;

/// <summary>
/// A thread's CPU priority (its nice value; on Linux every thread has its own). A thread the engine starts takes the
/// priority of the thread that starts it, so work a server runs at a lower priority stays there, all of it.
/// </summary>
public static partial class ThreadNice
{
    /// <summary>The lowest priority: the scheduler serves such a thread last.</summary>
    public const int Lowest = 19;

    /// <summary>The calling thread's nice value (0 where threads have none of their own).</summary>
    public static int Current() => OperatingSystem.IsLinux() ? GetPriority(0, GetThreadId()) : 0;

    /// <summary>Sets the calling thread's nice value (lowering it again needs privileges, so this is a one-way step).</summary>
    public static void Set(int nice)
    {
        // Where threads have no nice value of their own, or libc lacks the call, nothing changes.
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            if (nice != Current()) _ = SetPriority(0, GetThreadId(), nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "getpriority")]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
