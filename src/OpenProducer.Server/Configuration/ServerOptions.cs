using System.Globalization;

namespace OpenProducer.Server.Configuration;

/// <summary>How this server runs. Set from the command line and PRODUCER_* environment variables.</summary>
public sealed record ServerOptions
{
    public string DataDir { get; init; } = "data";
    /// <summary>
    /// A PostgreSQL database (<c>postgres://user:password@host:port/db</c>) shared by several server processes; unset,
    /// the SQLite file in <see cref="DataDir"/>. Processes that share a database also share <see cref="DataDir"/>
    /// (the song files), e.g. on a network file system.
    /// </summary>
    public string? DatabaseUrl { get; init; }
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8080;
    /// <summary>The base of every URL we hand out; defaults to http://{Host}:{Port}.</summary>
    public string? PublicUrl { get; init; }
    /// <summary>In-process workers; 0 makes a process that only answers the API (other processes on the same database render).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Overrides for the engine's SoundFonts (tests use a small one); an empty kit path leaves the sampled kits out.</summary>
    public string? StudioSoundFont { get; init; }
    public string? FullSoundFont { get; init; }
    public string? SmallSoundFont { get; init; }
    public string? AcousticKit { get; init; }
    public string? RockKit { get; init; }
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
    /// <summary>
    /// Whether user-given URLs (callback_url, coverArtUrl) may point at loopback, private, link-local or metadata
    /// addresses. Off by default: a public server must not be made to reach into its own network.
    /// </summary>
    public bool AllowPrivateUrls { get; init; }
    /// <summary>Price overrides, "action=credits,action@model=credits" (see <see cref="Accounts.PriceTable"/>).</summary>
    public string? Prices { get; init; }
    /// <summary>Requests a minute a token may make, and an application with all its tokens; 0 is no limit.</summary>
    public int RateLimitPerMinute { get; init; } = 120;
    public int AppRateLimitPerMinute { get; init; } = 600;
    /// <summary>
    /// Free space (MB) the data folder's disk keeps in reserve: below it new work is refused and waiting tasks are
    /// failed and refunded; 0 turns the check off.
    /// </summary>
    public int MinFreeDiskMegabytes { get; init; } = 256;
    /// <summary>
    /// Days after which finished tasks, songs and their files are removed (hourly); 0, the default, keeps everything.
    /// </summary>
    public double RetentionDays { get; init; }
    /// <summary>Failed authentications a client address may make in a minute before it is answered 429; 0 is no limit.</summary>
    public int AuthFailuresPerMinute { get; init; } = 30;
    /// <summary>Tasks of one application that may run at once (0: as many as there are workers); the rest wait their turn.</summary>
    public int MaxRunningPerApplication { get; init; }
    /// <summary>
    /// Whether the server makes a short song at start (and loads every model's SoundFonts) so the first song costs what
    /// the others do; <c>PRODUCER_WARMUP=0</c> turns it off (tests, which start many servers). Off, only the default
    /// model's SoundFonts are loaded, in the background.
    /// </summary>
    public bool Warmup { get; init; } = true;
    /// <summary>The operator's token for the <c>/admin</c> API; without one the admin API does not exist.</summary>
    public string? AdminToken { get; init; }
    /// <summary>
    /// Disk (MB) the songs' kept audio may take (lossless masters and stems, so edits, stems and files reuse them
    /// instead of rendering again); the least recently used goes first. 0 keeps nothing.
    /// </summary>
    public int KeptAudioMegabytes { get; init; } = 4096;

    public string DatabasePath => Path.Combine(DataDir, "producer.db");
    public string FilesDir => Path.Combine(DataDir, "files");
    /// <summary>Inputs fetched for tasks before their work (cover images, uploaded recordings), until the task takes them.</summary>
    public string InputsDir => Path.Combine(DataDir, "inputs");
    /// <summary>Songs' kept audio, by recipe (see <see cref="KeptAudioMegabytes"/>).</summary>
    public string KeptDir => Path.Combine(DataDir, "kept");

    /// <summary>Where a task's fetched cover image waits for its song.</summary>
    public string StagedCover(string taskId) => Path.Combine(InputsDir, taskId + ".jpg");

    /// <summary>Where a task's uploaded recording waits, checked, for the upload task to keep it.</summary>
    public string StagedUpload(string taskId) => Path.Combine(InputsDir, taskId + ".upload");

    public string BaseUrl(int actualPort) => (PublicUrl ?? $"http://{Host}:{actualPort}").TrimEnd('/');

    /// <summary>
    /// The options with what the environment sets (<c>PRODUCER_*</c>). A variable that is set but cannot be read is an
    /// error that names it, not a default taken in silence.
    /// </summary>
    /// <exception cref="ArgumentException">A variable's value is not what it must be.</exception>
    public static ServerOptions FromEnvironment(ServerOptions o)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        static int Count(string name, int fallback) => Env(name) is not { } v ? fallback
            : int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
            : throw new ArgumentException($"{name}: '{v}' is not a whole number of 0 or more.");
        static double Days(string name, double fallback) => Env(name) is not { } v ? fallback
            : double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double d) ? d
            : throw new ArgumentException($"{name}: '{v}' is not a number of days of 0 or more.");
        return o with
        {
            PublicUrl = o.PublicUrl ?? Env("PRODUCER_PUBLIC_URL"),
            StudioSoundFont = o.StudioSoundFont ?? Env("PRODUCER_STUDIO_SOUNDFONT"),
            FullSoundFont = o.FullSoundFont ?? Env("PRODUCER_SOUNDFONT"),
            SmallSoundFont = o.SmallSoundFont ?? Env("PRODUCER_SMALL_SOUNDFONT"),
            AcousticKit = o.AcousticKit ?? Env("PRODUCER_ACOUSTIC_KIT"),
            RockKit = o.RockKit ?? Env("PRODUCER_ROCK_KIT"),
            AllowPrivateUrls = o.AllowPrivateUrls || Env("PRODUCER_ALLOW_PRIVATE_URLS") == "1",
            Prices = o.Prices ?? Env("PRODUCER_PRICES"),
            AdminToken = o.AdminToken ?? Env("PRODUCER_ADMIN_TOKEN"),
            RateLimitPerMinute = Count("PRODUCER_RATE_LIMIT_PER_MINUTE", o.RateLimitPerMinute),
            AppRateLimitPerMinute = Count("PRODUCER_APP_RATE_LIMIT_PER_MINUTE", o.AppRateLimitPerMinute),
            MinFreeDiskMegabytes = Count("PRODUCER_MIN_FREE_DISK_MB", o.MinFreeDiskMegabytes),
            RetentionDays = Days("PRODUCER_RETENTION_DAYS", o.RetentionDays),
            AuthFailuresPerMinute = Count("PRODUCER_AUTH_FAILURES_PER_MINUTE", o.AuthFailuresPerMinute),
            MaxRunningPerApplication = Count("PRODUCER_APP_MAX_RUNNING", o.MaxRunningPerApplication),
            KeptAudioMegabytes = Count("PRODUCER_KEPT_AUDIO_MB", o.KeptAudioMegabytes),
            LyricsUrl = o.LyricsUrl ?? Env("PRODUCER_LYRICS_URL"),
            LyricsModel = Env("PRODUCER_LYRICS_MODEL") ?? o.LyricsModel,
            LyricsKey = o.LyricsKey ?? Env("PRODUCER_LYRICS_KEY"),
            Workers = Count("PRODUCER_WORKERS", o.Workers),
            DatabaseUrl = o.DatabaseUrl ?? Env("PRODUCER_DATABASE_URL"),
            Warmup = o.Warmup && Env("PRODUCER_WARMUP") != "0",
        };
    }

    /// <summary>What is wrong with these options, one sentence each; empty when the server can start on them.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535) problems.Add($"the port {Port} is not between 0 and 65535.");
        if (Workers < 0) problems.Add("the number of workers cannot be negative.");
        static bool Web(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
        if (PublicUrl is not null && !Web(PublicUrl)) problems.Add($"the public URL '{PublicUrl}' is not an absolute http or https URL.");
        if (LyricsUrl is not null && !Web(LyricsUrl)) problems.Add($"PRODUCER_LYRICS_URL '{LyricsUrl}' is not an absolute http or https URL.");
        if (CallbackMaxAttempts < 1) problems.Add("callbacks need at least one attempt.");
        if (!(CallbackRetryBaseSeconds > 0)) problems.Add("the callback retry delay must be above 0 seconds.");
        if (!(LyricsTimeoutSeconds > 0)) problems.Add("the lyrics endpoint's timeout must be above 0 seconds.");
        if (RetentionDays < 0) problems.Add("the retention cannot be a negative number of days.");
        return problems;
    }
}
