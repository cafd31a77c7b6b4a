namespace OpenProducer.Server.Configuration;

/// <summary>How this server runs. Set from the command line and PRODUCER_* environment variables.</summary>
public sealed record ServerOptions
{
    public string DataDir { get; init; } = "data";
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8080;
    /// <summary>The base of every URL we hand out; defaults to http://{Host}:{Port}.</summary>
    public string? PublicUrl { get; init; }
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Overrides for the engine's SoundFonts (tests use a small one).</summary>
    public string? FullSoundFont { get; init; }
    public string? SmallSoundFont { get; init; }
    /// <summary>Seconds between callback retries grow from this base (doubling).</summary>
    public double CallbackRetryBaseSeconds { get; init; } = 2;
    public int CallbackMaxAttempts { get; init; } = 6;
    /// <summary>
    /// An OpenAI-compatible chat API (its base URL, e.g. a local llama.cpp or Ollama server's <c>…/v1</c>) that
    /// writes <c>/producer/lyrics</c> sheets; unset, the built-in writer does. The built-in writer is also the fallback.
    /// </summary>
    public string? LyricsUrl { get; init; }
    public string LyricsModel { get; init; } = "default";
    public string? LyricsKey { get; init; }
    public double LyricsTimeoutSeconds { get; init; } = 60;

    public string DatabasePath => Path.Combine(DataDir, "producer.db");
    public string FilesDir => Path.Combine(DataDir, "files");

    public string BaseUrl(int actualPort) => (PublicUrl ?? $"http://{Host}:{actualPort}").TrimEnd('/');

    public static ServerOptions FromEnvironment(ServerOptions o)
    {
        string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        return o with
        {
            PublicUrl = o.PublicUrl ?? Env("PRODUCER_PUBLIC_URL"),
            FullSoundFont = o.FullSoundFont ?? Env("PRODUCER_SOUNDFONT"),
            SmallSoundFont = o.SmallSoundFont ?? Env("PRODUCER_SMALL_SOUNDFONT"),
            LyricsUrl = o.LyricsUrl ?? Env("PRODUCER_LYRICS_URL"),
            LyricsModel = Env("PRODUCER_LYRICS_MODEL") ?? o.LyricsModel,
            LyricsKey = o.LyricsKey ?? Env("PRODUCER_LYRICS_KEY"),
            Workers = int.TryParse(Env("PRODUCER_WORKERS"), out int w) && w > 0 ? w : o.Workers,
        };
    }
}
