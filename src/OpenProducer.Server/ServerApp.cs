using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenProducer.Engine;
using OpenProducer.Server.Accounts;
using OpenProducer.Server.Admin;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Files;
using OpenProducer.Server.Kept;
using OpenProducer.Server.Lyrics;
using OpenProducer.Server.Mcp;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Reference;
using OpenProducer.Server.SongFiles;
using OpenProducer.Server.Songs;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Studio;
using OpenProducer.Server.Tasks;
using OpenProducer.Server.Uploads;

namespace OpenProducer.Server;

/// <summary>Builds the web application: services, the error path, and the routes. Tests start it on port 0.</summary>
public static class ServerApp
{
    /// <summary>
    /// Builds the server. <paramref name="replace"/> runs after every service is registered: tests use it to put
    /// stand-ins in place of a part (the task handlers that would render).
    /// </summary>
    /// <exception cref="DataFolderInUseException">Another server runs on the same SQLite data folder.</exception>
    /// <exception cref="ArgumentException">The options are not ones the server can start on (each problem said).</exception>
    public static WebApplication Build(ServerOptions options, Action<IServiceCollection>? replace = null)
    {
        // Checked before anything is touched: a server does not start on options it would fail on later.
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException("The server cannot start: " + string.Join(" ", problems));
        // Taken before the database is touched; held until the application is disposed.
        var folderLock = options.DatabaseUrl is { Length: > 0 } ? null : DataFolderLock.Acquire(options.DataDir);
        try
        {
            return Build(options, folderLock, replace);
        }
        catch
        {
            folderLock?.Dispose();
            throw;
        }
    }

    private static WebApplication Build(ServerOptions options, DataFolderLock? folderLock, Action<IServiceCollection>? replace)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // Users' recordings are kept with the songs' files; the engine reads them from there.
        var engineOptions = new EngineOptions { RecordingsDir = Path.GetFullPath(options.FilesDir) };
        if (options.StudioSoundFont is not null) engineOptions = engineOptions with { StudioSoundFont = options.StudioSoundFont };
        if (options.FullSoundFont is not null) engineOptions = engineOptions with { FullSoundFont = options.FullSoundFont };
        if (options.AcousticKit is not null) engineOptions = engineOptions with { AcousticKit = options.AcousticKit };
        if (options.RockKit is not null) engineOptions = engineOptions with { RockKit = options.RockKit };
        if (options.SmallSoundFont is not null) engineOptions = engineOptions with { SmallSoundFont = options.SmallSoundFont };

        // Request handlers read and write PostgreSQL asynchronously, but SQLite has no async I/O (its calls block
        // their thread), and the workers' loops block theirs while they claim, render and record. The pool starts
        // with one thread per core and adds threads slowly, so a burst of requests on a fresh server would queue
        // for seconds. Start with more.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), io);
        foreach (var folder in new[] { options.DataDir, options.FilesDir, options.InputsDir }) PrivateFiles.Folder(folder);
        var s = builder.Services;
        s.AddSingleton(options);
        if (folderLock is not null) s.AddSingleton(_ => folderLock);
        // The clock every store and timer reads; tests put a fake one in its place and advance it.
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton(sp => Database.For(options, sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton<TokenStore>();
        s.AddSingleton<OwnerStore>();
        s.AddSingleton(new PriceTable(options.Prices));
        s.AddSingleton<RateLimiter>();
        s.AddSingleton<AuthFailureLimiter>();
        s.AddSingleton<TaskStore>();
        s.AddSingleton<TaskPages>();
        s.AddSingleton<Retention>();
        s.AddSingleton<SongStore>();
        s.AddSingleton<TaskSignals>();
        s.AddSingleton<PublicUrls>();
        // Songs' audio is kept once made, so edits, stems and files reuse it instead of rendering it again.
        s.AddSingleton<KeptAudioStore>();
        s.AddSingleton(sp => new SongEngine(engineOptions with { Kept = sp.GetRequiredService<KeptAudioStore>() }));
        s.AddSingleton<WorkerLoad>();
        s.AddSingleton<StemsAhead>();
        s.AddHostedService(sp => sp.GetRequiredService<StemsAhead>());
        s.AddSingleton<ChatLyricWriter>();
        // The workers' task handlers, one per kind of job.
        s.AddSingleton<ITaskHandler, LyricsHandler>();
        s.AddSingleton<ITaskHandler, SongFilesHandler>();
        s.AddSingleton<ITaskHandler, SongHandler>();
        s.AddSingleton<ITaskHandler, UploadHandler>();
        s.AddSingleton<BearerAuth>();
        // User-given URLs go through the guard on every connection; the lyrics endpoint is the operator's own.
        s.AddHttpClient("callbacks", c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => UrlGuard.Handler(options.AllowPrivateUrls, maxRedirects: 0));
        s.AddHttpClient("images", c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => UrlGuard.Handler(options.AllowPrivateUrls, maxRedirects: 3));
        s.AddHttpClient("uploads", c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => UrlGuard.Handler(options.AllowPrivateUrls, maxRedirects: 3));
        s.AddHttpClient("lyrics", c => c.Timeout = Timeout.InfiniteTimeSpan);
        s.AddHostedService<StartupRecovery>();
        // Each worker's job and its parallel loop's second branch, and the lyrics lane.
        s.AddSingleton(_ => new WorkScheduler(options.Workers * 2 + 1));
        s.AddHostedService<TaskWorker>();
        s.AddHostedService<EngineWarmup>();
        s.AddSingleton<ITaskInput, CoverInput>();
        s.AddSingleton<ITaskInput, RecordingInput>();
        s.AddHostedService<InputWorker>();
        s.AddHostedService<RetentionSweeper>();
        s.AddHostedService<CallbackDispatcher>();
        s.AddHostedService<PostgresListener>();
        s.AddReference();
        s.AddMcpTools();
        replace?.Invoke(s);

        var app = builder.Build();
        // Created by the container, so disposed (released) with it.
        if (folderLock is not null) app.Services.GetRequiredService<DataFolderLock>();
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<PublicUrls>().Base = options.BaseUrl(BoundPort(app)));
        app.UseExceptionHandler(e => e.Run(http =>
        {
            // A full disk is said as such (a write that failed was not done: a charge with it was rolled back).
            var error = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            var result = Json.Error(error is not null && DiskSpace.IsFull(error) ? ProducerError.ApiError(DiskSpace.RefusedMessage) : ProducerError.ApiError(), http.TraceId());
            return result.ExecuteAsync(http);
        }));
        app.MapAudios();
        app.MapSongFiles();
        app.MapLyrics();
        app.MapUploads();
        app.MapTasks();
        app.MapTaskList();
        app.MapLiveStreams();
        app.MapFiles();
        app.MapSongs();
        app.MapAccounts();
        app.MapAdmin();
        app.MapStudio();
        app.MapMcpTools();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapReference();
        app.MapPlannedAndFallback();
        return app;
    }

    /// <summary>The port the server actually bound (differs from the option when it was 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }
}
