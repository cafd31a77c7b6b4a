using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Queue;
using OpenProducer.Server.SongFiles;
using OpenProducer.Server.Songs;
using OpenProducer.Server.Storage;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests.Support;

/// <summary>A real server on a loopback port with its own data folder, started the way `serve` starts it.</summary>
public sealed class ProducerServer : IAsyncDisposable
{
    private WebApplication? _app;

    public required string DataDir { get; init; }
    public required ServerOptions Options { get; init; }
    public string BaseUrl { get; private set; } = "";
    public string Token { get; private set; } = "";
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(3) };

    public static async Task<ProducerServer> StartAsync(string? dataDir = null, Func<ServerOptions, ServerOptions>? configure = null, string? token = null,
        Action<IServiceCollection>? replace = null)
    {
        if (dataDir is null)
        {
            dataDir = Directory.CreateTempSubdirectory("producer-test-").FullName;
            lock (Made) Made.Add(dataDir);
        }
        var options = new ServerOptions
        {
            DataDir = dataDir, Port = 0, Workers = 2, Warmup = false, CallbackRetryBaseSeconds = 0.2, AllowPrivateUrls = true, RateLimitPerMinute = 0, AppRateLimitPerMinute = 0, AuthFailuresPerMinute = 0,
            StudioSoundFont = TestSoundFonts.Small, FullSoundFont = TestSoundFonts.Small, SmallSoundFont = TestSoundFonts.Small, AcousticKit = "", RockKit = "",
        };
        options = configure?.Invoke(options) ?? options;
        var server = new ProducerServer { DataDir = dataDir, Options = options, Replace = replace };
        await server.StartAppAsync();
        server.Token = token ?? server.CreateToken("test");
        return server;
    }

    /// <summary>
    /// A server whose engine cannot render (its SoundFont is not one): every song fails. On an existing data folder
    /// (with its token), songs made before can be edited and every edit fails at its first render.
    /// </summary>
    public static async Task<ProducerServer> StartBrokenAsync(string? dataDir = null, string? token = null, Func<ServerOptions, ServerOptions>? configure = null)
    {
        string dir = Directory.CreateTempSubdirectory("broken-").FullName;
        string bogus = Path.Combine(dir, "broken.sf2");
        await File.WriteAllTextAsync(bogus, "this is not a SoundFont");
        return await StartAsync(dataDir, o => (configure ?? (x => x))(o with { StudioSoundFont = bogus, FullSoundFont = bogus, SmallSoundFont = bogus }), token);
    }

    /// <summary>
    /// A server whose song and song-file tasks are run by <paramref name="standIn"/> instead of the engine: the API,
    /// parsing, pricing, accounts and the queue run for real, and nothing renders. Lyrics tasks run for real.
    /// </summary>
    public static Task<ProducerServer> StartFastAsync(StandInSongs? standIn = null, Func<ServerOptions, ServerOptions>? configure = null, string? dataDir = null,
        string? token = null) =>
        StartAsync(dataDir, configure, token, replace: s =>
        {
            Type[] rendering = [typeof(SongHandler), typeof(SongFilesHandler), typeof(EngineWarmup)];
            foreach (var d in s.Where(d => rendering.Contains(d.ImplementationType)).ToList()) s.Remove(d);
            s.AddSingleton<ITaskHandler>(standIn ?? new StandInSongs());
        });

    private Action<IServiceCollection>? Replace { get; init; }

    private async Task StartAppAsync()
    {
        _app = ServerApp.Build(Options, Replace);
        await _app.StartAsync();
        BaseUrl = $"http://127.0.0.1:{ServerApp.BoundPort(_app)}";
    }

    /// <summary>The running server's services (its signals, stores…), for tests that look inside.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the server is not running");

    public string CreateToken(string name, double? expiresInSeconds = null) =>
        new TokenStore(Database.For(Options)).Create(name, null, expiresInSeconds).Token;

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? token = "default")
    {
        var req = new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "default" ? Token : token);
        return Http.SendAsync(req);
    }

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, object body, string? token = "default")
    {
        using var response = await PostAsync(path, JsonSerializer.Serialize(body), token);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path, string? token = "default")
    {
        var req = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        if (token is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "default" ? Token : token);
        using var response = await Http.SendAsync(req);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Polls /producer/tasks until the task finishes (bounded).</summary>
    public async Task<JsonElement> WaitForTaskAsync(string taskId, TimeSpan? timeout = null, string? token = "default")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (DateTime.UtcNow < deadline)
        {
            var (_, record) = await PostJsonAsync("/producer/tasks", new { action = "retrieve", id = taskId }, token);
            if (record.TryGetProperty("finished_at", out var f) && f.ValueKind != JsonValueKind.Null) return record;
            await Task.Delay(200);
        }
        throw new TimeoutException($"task {taskId} did not finish");
    }

    /// <summary>Uploads a file as a multipart form (synchronously) and returns the answer's <c>data</c>; the upload must succeed.</summary>
    public async Task<JsonElement> UploadFileAsync(string path, string? token = null)
    {
        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path) } };
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/producer/upload") { Content = form };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? Token);
        using var response = await Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        return body.GetProperty("data");
    }

    /// <summary>Downloads a URL without any token, into a temporary file.</summary>
    public async Task<string> DownloadAsync(string url, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dl-{Guid.NewGuid():N}{extension}");
        using var plain = new HttpClient();
        await File.WriteAllBytesAsync(path, await plain.GetByteArrayAsync(url));
        return path;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
    }

    /// <summary>
    /// The data folders made for servers in this process, removed when it ends (a song's files and kept audio: a run
    /// would otherwise leave gigabytes behind). Not sooner: a test may start a new server on a stopped one's folder.
    /// </summary>
    private static readonly HashSet<string> Made = Track();

    private static HashSet<string> Track()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Made)
                foreach (string dir in Made)
                    try { Directory.Delete(dir, recursive: true); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* left for the system's temp cleaning */ }
        };
        return [];
    }
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ProducerServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ProducerServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
