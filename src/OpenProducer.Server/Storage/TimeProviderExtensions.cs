namespace OpenProducer.Server.Storage;

public static class TimeProviderExtensions
{
    /// <summary>Now, as the database stores times: Unix seconds with milliseconds.</summary>
    public static double UnixNow(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
