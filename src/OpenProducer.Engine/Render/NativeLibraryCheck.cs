using System.Runtime.InteropServices;

namespace OpenProducer.Engine.Render;

/// <summary>Turns a missing native library into one sentence a user can act on.</summary>
public static class NativeLibraryCheck
{
    /// <summary>Returns null when libfluidsynth loads, otherwise what is missing and how to get it.</summary>
    public static string? FluidSynthProblem()
    {
        if (NativeLibrary.TryLoad("libfluidsynth.so.3", out var handle))
        {
            NativeLibrary.Free(handle);
            return null;
        }
        return "libfluidsynth.so.3 not found: run ./producer serve (it installs libfluidsynth3) or apt-get install libfluidsynth3";
    }
}
