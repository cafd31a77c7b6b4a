using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Analysis;

/// <summary>The few entry points of aubio's C API the analysis uses: float vectors and the beat tracker.</summary>
internal static partial class AubioNative
{
    public const string Library = "libaubio.so.5";

    /// <summary>aubio's float vector: a length and a pointer to its samples.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct FVec
    {
        public uint Length;
        public IntPtr Data;
    }

    [LibraryImport(Library, EntryPoint = "new_fvec")]
    public static partial IntPtr NewFvec(uint length);

    [LibraryImport(Library, EntryPoint = "del_fvec")]
    public static partial void DeleteFvec(IntPtr vector);

    [LibraryImport(Library, EntryPoint = "new_aubio_tempo", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr NewTempo(string method, uint bufferSize, uint hopSize, uint sampleRate);

    [LibraryImport(Library, EntryPoint = "aubio_tempo_do")]
    public static partial void TempoDo(AubioTempoHandle tempo, IntPtr input, IntPtr output);

    [LibraryImport(Library, EntryPoint = "aubio_tempo_get_last_s")]
    public static partial float TempoLastSeconds(AubioTempoHandle tempo);

    [LibraryImport(Library, EntryPoint = "del_aubio_tempo")]
    public static partial void DeleteTempo(IntPtr tempo);
}

/// <summary>An aubio float vector, freed exactly once.</summary>
internal sealed class FvecHandle : SafeHandle
{
    public FvecHandle(int length) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(AubioNative.NewFvec((uint)length));

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The vector's samples (valid while the handle lives).</summary>
    public unsafe Span<float> Samples
    {
        get
        {
            var v = (AubioNative.FVec*)handle;
            return new Span<float>((void*)v->Data, (int)v->Length);
        }
    }

    protected override bool ReleaseHandle()
    {
        AubioNative.DeleteFvec(handle);
        return true;
    }
}

/// <summary>An aubio beat tracker, freed exactly once.</summary>
internal sealed class AubioTempoHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public static AubioTempoHandle Create(string method, int bufferSize, int hopSize, int sampleRate)
    {
        var h = new AubioTempoHandle();
        h.SetHandle(AubioNative.NewTempo(method, (uint)bufferSize, (uint)hopSize, (uint)sampleRate));
        return h;
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        AubioNative.DeleteTempo(handle);
        return true;
    }
}

/// <summary>Turns a missing aubio into one sentence a user can act on.</summary>
public static class AubioLibraryCheck
{
    /// <summary>Returns null when libaubio loads, otherwise what is missing and how to get it.</summary>
    public static string? Problem() => Problem(AubioNative.Library);

    internal static string? Problem(string library)
    {
        if (NativeLibrary.TryLoad(library, out var handle))
        {
            NativeLibrary.Free(handle);
            return null;
        }
        return $"{library} not found: run ./producer serve (it installs libaubio5) or apt-get install libaubio5";
    }
}
