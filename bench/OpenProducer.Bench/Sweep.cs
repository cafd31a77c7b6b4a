using OpenProducer.Server;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;
using OpenProducer.Tests.Support;

namespace OpenProducer.Bench;

/// <summary>
/// The prompt sweep: a real server on loopback (the production SoundFonts, two workers), the generated requests
/// sent over HTTP two at a time, each delivered file measured with aubio, a chroma key estimate and ebur128; then one
/// edit of each song made (<see cref="EditSweep"/>), measured the same way. The first case may be any one
/// (case i is the same in every sweep of its seed base), so one failure can be made again on its own.
/// </summary>
public static class Sweep
{
    public static async Task RunAsync(int count, string outDir, ulong seedBase, bool verbose, int first = 0)
    {
        string data = Path.Combine(outDir, "sweep-data");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        var options = new ServerOptions { DataDir = data, Port = 0, Workers = 2, RateLimitPerMinute = 0, AppRateLimitPerMinute = 0 };
        var app = ServerApp.Build(options);
        await app.StartAsync();
        try
        {
            var issued = new TokenStore(Database.For(options)).Create("sweep", null, null);
            string token = issued.Token;
            string baseUrl = $"http://127.0.0.1:{ServerApp.BoundPort(app)}";
            var results = await SweepRunner.RunAsync(baseUrl, token, Enumerable.Range(first, count).Select(i => PromptSweep.Case(i, seedBase)), parallel: 2, measureKey: true,
                r => { if (verbose || !r.Succeeded || !r.TempoOk || !r.KeyOk) Console.WriteLine(r); });
            Console.WriteLine($"sweep (seed base {seedBase}): {SweepRunner.Summary(results)}");
            Groups(results);
            Slowest(results);
            await EncodedAgainAsync(new SongStore(Database.For(options)), issued.ApplicationId, results);
            // Then one edit of each song made, every editing action of both dialects in turn.
            var edits = results.Where(r => r.Succeeded).Select(r => EditSweep.Case(r.Case.Index, r.Id!, r.Duration, seedBase)).ToList();
            var edited = await SweepRunner.RunAsync(baseUrl, token, edits, parallel: 2, measureKey: true,
                r => { if (verbose || !r.Succeeded || !r.TempoOk) Console.WriteLine(r); });
            Console.WriteLine($"edit sweep (seed base {seedBase}): {SweepRunner.Summary(edited)}");
            Groups(edited);
            Slowest(edited);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Seconds of making per minute of song (two requests at a time on two workers, so about twice what one song
    /// alone takes): the median, and the three slowest requests, which say where a prompt costs more than most.
    /// </summary>
    private static void Slowest(IEnumerable<SweepResult> results)
    {
        var made = results.Where(r => r.Succeeded && r.Duration > 0).Select(r => (Result: r, PerMinute: r.Seconds * 60 / r.Duration)).OrderByDescending(x => x.PerMinute).ToList();
        if (made.Count == 0) return;
        var sorted = made.Select(x => x.PerMinute).Order().ToList();
        Console.WriteLine($"  seconds per minute of song: median {sorted[sorted.Count / 2]:F2}, slowest " +
            string.Join("; ", made.Take(3).Select(x => $"{x.PerMinute:F2} ({x.Result.Case.Label}, {x.Result.Duration:F0} s in {x.Result.Seconds:F1} s)")));
    }

    /// <summary>
    /// How many songs were mastered and encoded more than once, read from their stored recipes: when the first encode
    /// decodes over the true-peak ceiling at more than a few spots, the limiter's ceiling is lowered (or a trim taken)
    /// and the whole song is encoded again, about twice the encode's time. Songs mended at a few spots by dips (only
    /// the frames around them encoded again) are counted apart.
    /// </summary>
    private static async Task EncodedAgainAsync(SongStore songs, string applicationId, IEnumerable<SweepResult> results)
    {
        List<(string Label, double Ceiling, double Trim)> again = [];
        List<(string Label, int Dips)> dipped = [];
        int read = 0;
        foreach (var r in results.Where(r => r.Succeeded && r.Id is not null))
        {
            if (await songs.FindAsync(r.Id!, applicationId) is not { Engine: { } engine }) continue;
            using var recipe = System.Text.Json.JsonDocument.Parse(engine);
            if (!recipe.RootElement.TryGetProperty("Master", out var master) || master.ValueKind != System.Text.Json.JsonValueKind.Object) continue;
            read++;
            double ceiling = master.GetProperty("CeilingDb").GetDouble(), trim = master.GetProperty("TrimDb").GetDouble();
            if (ceiling < OpenProducer.Engine.Mix.Mastering.DefaultCeilingDb || trim != 0) again.Add((r.Case.Label, ceiling, trim));
            if (master.TryGetProperty("Dips", out var dips) && dips.ValueKind == System.Text.Json.JsonValueKind.Array) dipped.Add((r.Case.Label, dips.GetArrayLength()));
        }
        Console.WriteLine($"  encoded more than once (the first encode peaked over the ceiling): {again.Count}/{read}" +
            (again.Count == 0 ? "" : " — " + string.Join("; ", again.Select(a => $"{a.Label} (ceiling {a.Ceiling:F2} dB{(a.Trim != 0 ? $", trim {a.Trim:F2} dB" : "")})"))));
        Console.WriteLine($"  mended at a few spots (dips, only their frames encoded again): {dipped.Count}/{read}" +
            (dipped.Count == 0 ? "" : " — " + string.Join("; ", dipped.Select(d => $"{d.Label} ({d.Dips} dip{(d.Dips == 1 ? "" : "s")})"))));
    }

    private static void Groups(IEnumerable<SweepResult> results)
    {
        foreach (var group in results.GroupBy(r => r.Case.Label.Split(' ')[1]).OrderBy(g => g.Key))
            Console.WriteLine($"  {group.Key}: {group.Count()} requests, {group.Count(r => !r.Succeeded)} failed, tempo {group.Count(r => r.TempoOk)}, key {group.Count(r => r.KeyOk)}");
    }
}
