namespace OpenProducer.Server.Storage;

/// <summary>Unix time in seconds with sub-second precision, as the task records report it.</summary>
public static class Clock
{
    public static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
