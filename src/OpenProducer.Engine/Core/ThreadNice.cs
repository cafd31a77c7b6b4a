using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Core;

/// <summary>
/// A thread's CPU priority (its nice value, and whether it runs in Linux's idle class; on Linux every thread has its
/// own). A thread the engine starts takes the priority of the thread that starts it, so work a server runs at a lower
/// priority stays there, all of it.
/// </summary>
public static partial class ThreadNice
{
    /// <summary>The lowest priority: the scheduler serves such a thread last.</summary>
    public const int Lowest = 19;

    /// <summary>The calling thread's nice value (0 where threads have none of their own).</summary>
    public static int Current() => LinuxLibc.Call(() => GetPriority(0, GetThreadId()), 0);

    /// <summary>Sets the calling thread's nice value (lowering it again needs privileges, so this is a one-way step).</summary>
    /// <remarks>Where threads have no nice value of their own, or libc lacks the call, nothing changes.</remarks>
    public static void Set(int nice) => _ = LinuxLibc.Call(() => nice != Current() ? SetPriority(0, GetThreadId(), nice) : 0, 0);

    /// <summary>Linux's idle scheduling class (<c>SCHED_IDLE</c>).</summary>
    private const int SchedIdle = 5;

    /// <summary>Whether the calling thread is in the idle class (false where there is none).</summary>
    public static bool IsIdleOnly() => LinuxLibc.Call(() => GetScheduler(0) == SchedIdle, false);

    /// <summary>
    /// Puts the calling thread in the idle class: it runs on CPU time no thread of the normal class wants, and a normal
    /// thread that wakes takes its core at once. A raised nice value alone does not do that: at nice 10 a
    /// request thread that woke beside two songs' work often waited for the running thread's turn to end (a slice of a
    /// few milliseconds). Like a raised nice value, a one-way step; child processes (ffmpeg) inherit it.
    /// </summary>
    public static void SetIdleOnly() => _ = LinuxLibc.Call(() =>
    {
        int priority = 0;
        return SetScheduler(0, SchedIdle, ref priority);
    }, 0);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref int priority);

    [LibraryImport("libc", EntryPoint = "getpriority")]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
