using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace OpenProducer.Bench;

/// <summary>
/// <c>/producer/tasks</c> retrieves sent open-loop at a fixed rate (a request leaves on its schedule whether or not the
/// earlier ones have been answered), ids taken in turn; each is timed from its send to its whole answer and checked:
/// 200, JSON, the asked task's record with a song item in it.
/// </summary>
internal sealed class RetrieveLoad
{
    private readonly double[] _ms;

    private RetrieveLoad(double[] ms, int errors, string? firstError, int running, double seconds)
    {
        _ms = [.. ms.Order()];
        Errors = errors;
        FirstError = firstError;
        RunningAnswers = running;
        AchievedRate = ms.Length / seconds;
    }

    public int Count => _ms.Length;
    public int Errors { get; }
    public string? FirstError { get; }
    public int RunningAnswers { get; }
    public double AchievedRate { get; }
    public double Max => _ms[^1];

    /// <summary>The latency (ms) at quantile <paramref name="q"/>, nearest rank.</summary>
    public double P(double q) => _ms[Math.Clamp((int)Math.Ceiling(q * _ms.Length) - 1, 0, _ms.Length - 1)];

    public static async Task<RetrieveLoad> RunAsync(HttpClient http, string baseUrl, IReadOnlyList<string> ids, int count, int rate)
    {
        var ms = new double[count];
        var pending = new Task[count];
        int errors = 0, running = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        double started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        double interval = 1000.0 / rate;
        // The pace is kept by a thread of its own that sleeps between sends (a spinning one would take a core from the server).
        var pacer = new Thread(() =>
        {
            for (int i = 0; i < count; i++)
            {
                while (clock.Elapsed.TotalMilliseconds < i * interval) Thread.Sleep(1);
                int n = i;
                pending[n] = Task.Run(async () =>
                {
                    string id = ids[n % ids.Count];
                    long start = Stopwatch.GetTimestamp();
                    string? problem;
                    bool isRunning = false;
                    try
                    {
                        using var content = new StringContent($"{{\"action\":\"retrieve\",\"id\":\"{id}\"}}", Encoding.UTF8, "application/json");
                        using var response = await http.PostAsync(baseUrl + "/producer/tasks", content);
                        string text = await response.Content.ReadAsStringAsync();
                        ms[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        problem = Check((int)response.StatusCode, text, id, out isRunning);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        ms[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        problem = e.Message;
                    }
                    if (isRunning) Interlocked.Increment(ref running);
                    if (problem is not null && Interlocked.Increment(ref errors) == 1) firstError = problem;
                });
            }
        }) { IsBackground = true, Name = "pacer" };
        // LOAD_TIMELINE=file: each request's send time (ms from the start) and latency (ms), to tell pauses (clusters)
        // from steady contention. The first line is the start's Unix time (s), to line it up with the server's own
        // records; the last lines are the client's own stalls (a thread that sleeps 1 ms waking 15 ms or more late)
        // and its collections, so that a pause of the client is not taken for one of the server.
        string? timeline = Environment.GetEnvironmentVariable("LOAD_TIMELINE") is { Length: > 0 } path && count > rate ? path : null;
        var notes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bool done = false;
        var watch = new Thread(() =>
        {
            double last = clock.Elapsed.TotalMilliseconds;
            while (!Volatile.Read(ref done))
            {
                Thread.Sleep(1);
                double now = clock.Elapsed.TotalMilliseconds;
                if (now - last >= 15) notes.Enqueue($"# client stall at {last:F0} ms: {now - last:F0} ms");
                last = now;
            }
        }) { IsBackground = true, Name = "stall watch" };
        if (timeline is not null) watch.Start();
        int collections = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        pacer.Start();
        pacer.Join();
        Volatile.Write(ref done, true);
        notes.Enqueue($"# client collections {GC.CollectionCount(0) - collections}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
        double seconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(pending);
        if (timeline is not null)
            await File.WriteAllLinesAsync(timeline, ms.Select((t, i) => $"{i * interval:F1} {t:F2}").Prepend($"# {started:F3}").Concat(notes));
        return new RetrieveLoad(ms, errors, firstError, running, seconds);
    }

    /// <summary>What is wrong with a retrieve's answer, or null when it is the task's record.</summary>
    private static string? Check(int status, string text, string id, out bool running)
    {
        running = false;
        if (status != 200) return $"status {status}: {text[..Math.Min(200, text.Length)]}";
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            if (root.GetProperty("id").GetString() != id) return "another task's record";
            var item = root.GetProperty("response").GetProperty("data")[0];
            string? state = item.TryGetProperty("state", out var s) ? s.GetString() : "succeeded";
            running = state == "running";
            return item.TryGetProperty("audio_url", out _) ? null : "no audio_url key in the song item";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return $"not a task record: {e.Message}";
        }
    }
}
