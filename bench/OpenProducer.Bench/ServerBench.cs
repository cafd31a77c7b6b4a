using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenProducer.Bench;

/// <summary>
/// The server as <c>producer serve</c> starts it (the built server, its embedded defaults, a fresh data folder, its own
/// process on 127.0.0.1), timed from outside: how long it takes to say it is listening, the first 3-minute sung
/// FUZZ-2.0 Pro song against the warm ones (request to answer), the stems of the last one once made ahead (request to
/// answer), then <c>/producer/tasks</c> retrieves paced at a fixed rate while two songs render.
/// </summary>
internal static partial class ServerBench
{
    public static async Task RunAsync(int warmSongs, string outDir, int retrieves, int rate)
    {
        // The data folder (each song's files, kept masters and stems: about a gigabyte a run) goes once the server has
        // stopped; its log stays, as server.log.
        string data = Path.Combine(outDir, "server-data-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await RunAsync(warmSongs, outDir, data, retrieves, rate);
        }
        finally
        {
            try
            {
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            }
            catch (IOException e)
            {
                Console.WriteLine($"server: could not delete {data}: {e.Message}");
            }
        }
    }

    private static async Task RunAsync(int warmSongs, string outDir, string data, int retrieves, int rate)
    {
        await using var server = await Start(data);
        server.LogPath = Path.Combine(outDir, "server.log");
        Console.WriteLine($"server: listening {server.ListeningSeconds:F2} s after the process started ({server.Workers})");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        // This client's own first request compiles its HTTP stack and opens the connection: a health check takes that,
        // so the first song times the server, as curl would.
        (await http.GetAsync(server.BaseUrl + "/healthz")).EnsureSuccessStatusCode();

        async Task<(double Seconds, string Id, double Duration)> Song(ulong seed)
        {
            // The body is made before the clock starts: writing the sheet and serializing it are this client's work (the
            // first time, the lyric writer loads its lexicon), not the server's.
            using var body = Body(new
            {
                action = "generate", model = "FUZZ-2.0 Pro", custom = true, prompt = "pop ballad with piano", lyric = BenchSheet.Written(seed), title = "Happy Days", seed,
            });
            var (cpu, faults) = ProcessUsage.Read(server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var sw = Stopwatch.StartNew();
            using var response = await http.PostAsync(server.BaseUrl + "/producer/audios", body);
            string text = await response.Content.ReadAsStringAsync();
            double seconds = sw.Elapsed.TotalSeconds;
            if (!response.IsSuccessStatusCode || !text.Contains("\"audio_url\":\"http", StringComparison.Ordinal))
                throw new InvalidOperationException($"the song failed: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
            var (cpuAfter, faultsAfter) = ProcessUsage.Read(server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"server: song {seed}: {seconds:F2} s, server CPU {cpuAfter - cpu:F2} s, {faultsAfter - faults} minor page faults");
            var item = JsonDocument.Parse(text).RootElement.GetProperty("data")[0];
            return (seconds, item.GetProperty("id").GetString()!, Seconds(item.GetProperty("duration")));
        }
        if (warmSongs > 0)
        {
            // BENCH_FIRST_SEED picks which of the seeds is the first song (the seeds' songs differ in length and load).
            ulong firstSeed = ulong.TryParse(Environment.GetEnvironmentVariable("BENCH_FIRST_SEED"), out ulong f) ? f : 7100;
            var seeds = Enumerable.Range(0, warmSongs + 1).Select(i => 7100 + (ulong)i).Where(s => s != firstSeed).Take(warmSongs).ToList();
            var (first, _, firstLength) = await Song(firstSeed);
            List<double> warm = [];
            List<double> lengths = [];
            string last = "";
            for (int i = 0; i < warmSongs; i++)
            {
                var (seconds, id, length) = await Song(seeds[i]);
                warm.Add(seconds);
                lengths.Add(length);
                last = id;
            }
            double median = SpeedBench.Median(warm);
            // The seeds make songs of different lengths, so the time per second of song is compared as well.
            double perSecond = SpeedBench.Median(warm.Zip(lengths, (w, l) => w / l).ToList());
            Console.WriteLine($"server: first song {first:F2} s ({firstLength:F0} s song) | warm median {median:F2} s " +
                $"({string.Join(", ", warm.Zip(lengths, (w, l) => $"{w:F2} s for {l:F0} s"))}) | first/warm {first / median:F2}x, " +
                $"per second of song {first / firstLength / perSecond:F2}x");
            await StemsAsync(http, server.BaseUrl, data, last);
        }
        // No songs timed (a quicker look at the load alone): the server is given the time its warm-up takes.
        else await Task.Delay(TimeSpan.FromSeconds(20));

        // Two songs rendering, then retrieves of them at a fixed pace (alternating ids), each timed from its send to its whole answer.
        List<string> ids = [];
        for (int i = 0; i < 2; i++)
        {
            using var response = await http.PostAsync(server.BaseUrl + "/producer/audios", Body(new
            {
                action = "generate", model = "FUZZ-2.0 Pro", custom = true, prompt = "pop ballad with piano", lyric = BenchSheet.Written((ulong)(7200 + i)), seed = 7200 + i, async = true,
            }));
            ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("task_id").GetString()!);
        }
        // Three seconds of the same load, not timed: the client's connections are open and its code compiled before the
        // timed part. The client shares the two cores, and its own start-up (its JIT's second tier ran for two to three
        // seconds) made a good part of the slowest hundredth.
        await RetrieveLoad.RunAsync(http, server.BaseUrl, ids, 3 * rate, rate);
        var load = await RetrieveLoad.RunAsync(http, server.BaseUrl, ids, retrieves, rate);
        Console.WriteLine($"server: {load.Count} retrieves paced at {rate}/s while two songs render, achieved {load.AchievedRate:F0}/s " +
            $"({load.RunningAnswers} answered running) | p50 {load.P(0.50):F2} ms | p95 {load.P(0.95):F2} ms | p99 {load.P(0.99):F2} ms | " +
            $"max {load.Max:F2} ms | errors {load.Errors}{(load.FirstError is null ? "" : $" (first: {load.FirstError})")}");
    }

    private static double Seconds(JsonElement duration) =>
        duration.ValueKind == JsonValueKind.String ? double.Parse(duration.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : duration.GetDouble();

    private static StringContent Body(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>
    /// The stems of an existing song as a user asks for them once the server has had a quiet moment: the server makes
    /// them ahead, at the lowest priority, once its workers are idle; the request is timed from its send to its answer.
    /// </summary>
    private static async Task StemsAsync(HttpClient http, string baseUrl, string data, string id)
    {
        var clock = Stopwatch.StartNew();
        bool Made(string name) => Directory.EnumerateFiles(data, name, SearchOption.AllDirectories).Any();
        while (clock.Elapsed < TimeSpan.FromMinutes(3) && !(Made(id + "-all.zip") && Made(id + ".zip"))) await Task.Delay(250);
        double ahead = clock.Elapsed.TotalSeconds;
        List<double> stems = [], all = [];
        for (int i = 0; i < 3; i++)
            foreach (var (action, times) in new[] { ("stems", stems), ("all_stems", all) })
            {
                var sw = Stopwatch.StartNew();
                using var response = await http.PostAsync(baseUrl + "/producer/audios", Body(new { action, audio_id = id }));
                string text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !text.Contains("\"stems_url\":\"http", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{action} failed: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        Console.WriteLine($"server: stems of the last song made ahead {ahead:F1} s after its answer | stems request median {SpeedBench.Median(stems):F0} ms, " +
            $"all_stems {SpeedBench.Median(all):F0} ms (each 3: {string.Join(", ", stems.Concat(all).Select(t => t.ToString("F0")))} ms)");
    }

    private static async Task<ServerUnderTest> Start(string data)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenProducer.Server.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // BENCH_SERVER_ARGS adds options ("--workers 0": the same load with nothing rendering, the floor of the answers alone).
        foreach (var a in new[] { dll, "serve", "--port", "0", "--data", data }
            .Concat((Environment.GetEnvironmentVariable("BENCH_SERVER_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            psi.ArgumentList.Add(a);
        // The load test asks far more than a token's default rate limit allows; the limits are not what is measured.
        psi.Environment["PRODUCER_RATE_LIMIT_PER_MINUTE"] = "0";
        psi.Environment["PRODUCER_APP_RATE_LIMIT_PER_MINUTE"] = "0";
        // Runtime settings to try on the server alone (not on this client): BENCH_SERVER_ENV="DOTNET_gcServer=1;…".
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Split('=', 2) is [var name, var value]) psi.Environment[name] = value;
        var sw = Stopwatch.StartNew();
        var server = new ServerUnderTest(Process.Start(psi)!);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (server.Token.Length == 0 && !server.Process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
        if (server.Token.Length == 0)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("the server did not start:\n" + server.Output);
        }
        server.ListeningSeconds = sw.Elapsed.TotalSeconds;
        return server;
    }

    private sealed class ServerUnderTest : IAsyncDisposable
    {
        private readonly StringBuilder _output = new();

        public ServerUnderTest(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }
        public string BaseUrl { get; private set; } = "";
        public string Token { get; private set; } = "";
        public string Workers { get; private set; } = "";
        public double ListeningSeconds { get; set; }

        /// <summary>Where the server's output is written once it has stopped (null: nowhere).</summary>
        public string? LogPath { get; set; }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        private void Add(string? line)
        {
            if (line is null) return;
            lock (_output)
            {
                _output.AppendLine(line);
                if (Listening().Match(line) is { Success: true } m) (BaseUrl, Workers) = (m.Groups[1].Value, m.Groups[2].Value);
                if (TokenLine().Match(line) is { Success: true } t) Token = t.Groups[1].Value;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            // Also once it has exited by itself: the wait is what lets its last lines of output arrive.
            await Process.WaitForExitAsync();
            Process.Dispose();
            if (LogPath is not null) await File.WriteAllTextAsync(LogPath, Output);
        }
    }

    [GeneratedRegex(@"OpenProducer is listening on (\S+) .*, (\d+ workers)\)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"Your local API token: (op_[0-9a-f]+)")]
    private static partial Regex TokenLine();
}
