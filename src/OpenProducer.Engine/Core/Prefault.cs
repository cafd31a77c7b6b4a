using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Core;

/// <summary>
/// Maps a new audio array's pages (a megabyte or more: six seconds of a channel and up), writable, in one call (Linux's <c>MADV_POPULATE_WRITE</c>). Such an array
/// mostly gets pages fresh from the system (the collections between a song's stages hand them back), and the engine adds
/// into its buffers (<c>a[i] += x</c>): a read before the first write costs each page two faults, the second of
/// which replaces the shared zero page and interrupts the other core to flush its TLB. That was about 0.7 s of a first
/// song's CPU. Mapping them at once costs about 10 ms per 28 MB (a 160 s channel), paid when the buffer is made.
/// Pages already mapped are left as they are; where the call is missing, nothing happens.
/// </summary>
internal static unsafe partial class Prefault
{
    private const int PopulateWrite = 23;
    /// <summary>The error a kernel without the call (before Linux 5.14) gives.</summary>
    private const int InvalidArgument = 22;
    private const int MinBytes = 1 << 20;
    /// <summary>What <see cref="LinuxLibc.Call{T}"/> gives where libc has no madvise.</summary>
    private const int Missing = -2;
    private static readonly nint Page = Environment.SystemPageSize;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Array(float[] array)
    {
        if (_unavailable || (long)array.Length * sizeof(float) < MinBytes) return;
        fixed (float* data = array)
        {
            nint start = ((nint)data + Page - 1) & ~(Page - 1);
            nint end = ((nint)(data + array.Length)) & ~(Page - 1);
            if (end <= start) return;
            // A kernel without the call says so once and is not asked again; any other failure (memory short for a
            // moment) leaves the pages to be faulted in as they are used.
            int result = LinuxLibc.Call(() => Madvise(start, (nuint)(end - start), PopulateWrite), Missing);
            if (result == Missing || (result != 0 && Marshal.GetLastPInvokeError() == InvalidArgument)) _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
