using System.Runtime.InteropServices;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Tests;

/// <summary>A new song-length buffer's pages are mapped when it is made, before anything reads or adds into it.</summary>
[Trait("Category", "Fast")]
public partial class PrefaultTests
{
    [Fact]
    public void A_new_song_length_buffer_has_every_page_mapped_and_reads_as_silence()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 64 MiB a channel: more than the collector keeps free between tests, so its pages come fresh from the system.
        var audio = new AudioBuffer(16 << 20, 44100);
        Assert.Equal(1.0, MappedShare(audio.Left));
        Assert.Equal(1.0, MappedShare(audio.Right));
        Assert.True(audio.Left.All(s => s == 0) && audio.Right.All(s => s == 0));
    }

    /// <summary>The share of the whole pages inside <paramref name="samples"/> that are mapped (Linux's mincore).</summary>
    private static unsafe double MappedShare(float[] samples)
    {
        nint page = Environment.SystemPageSize;
        fixed (float* data = samples)
        {
            nint start = ((nint)data + page - 1) & ~(page - 1);
            nint end = (nint)(data + samples.Length) & ~(page - 1);
            int pages = (int)((end - start) / page);
            var resident = new byte[pages];
            fixed (byte* vector = resident)
                Assert.Equal(0, Mincore(start, (nuint)(end - start), vector));
            return resident.Count(b => (b & 1) != 0) / (double)pages;
        }
    }

    [LibraryImport("libc", EntryPoint = "mincore")]
    private static unsafe partial int Mincore(nint address, nuint length, byte* vector);
}
