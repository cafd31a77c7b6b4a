namespace OpenProducer.Engine.Core;

/// <summary>Calls into Linux's C library where there is one.</summary>
internal static class LinuxLibc
{
    /// <summary>The call's result on Linux; elsewhere, or where libc lacks the call, <paramref name="otherwise"/>.</summary>
    public static T Call<T>(Func<T> call, T otherwise)
    {
        if (!OperatingSystem.IsLinux()) return otherwise;
        try
        {
            return call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return otherwise;
        }
    }
}
