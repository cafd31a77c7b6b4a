using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenProducer.Tests.Support;

/// <summary>What one sweep request gave: the answer, and the delivered file as independent tools measure it.</summary>
public sealed record SweepResult(SweepCase Case, int Status, string? Error, double Seconds, string? Genre = null, double Tempo = 0,
    double MeasuredTempo = 0, string? Key = null, string? MeasuredKey = null, double Lufs = 0, double TruePeak = 0, double Duration = 0,
    string? Id = null)
{
    public bool Succeeded => Error is null;
    public bool TempoOk => Succeeded && Media.TempoMatches(MeasuredTempo, Tempo);
    public bool KeyOk => Succeeded && Key is not null && MeasuredKey is not null
        && KeyEstimator.SameOrRelative(KeyEstimator.Parse(Key), KeyEstimator.Parse(MeasuredKey));

    public override string ToString() => Succeeded
        ? $"{Case.Label} | {Genre} {Tempo} bpm (aubio {MeasuredTempo:F1} {(TempoOk ? "ok" : "MISS")}), {Key}" +
          (MeasuredKey is null ? ", " : $" (chroma {MeasuredKey} {(KeyOk ? "ok" : "MISS")}), ") +
          $"{Lufs:F1} LUFS {TruePeak:F1} dBTP, {Duration:F0} s in {Seconds:F1} s"
        : $"{Case.Label} | FAILED {Status}: {Error}";
}

/// <summary>
/// Submits sweep cases to a running server over HTTP, as a client would, a few at a time, then measures each
/// delivered m4a: aubio's beat tracker for the tempo, a chroma estimate for the key, ffmpeg's ebur128 for loudness
/// and true peak. The engine's own numbers are only the claims being checked.
/// </summary>
public static class SweepRunner
{
    public static async Task<List<SweepResult>> RunAsync(string baseUrl, string token, IEnumerable<SweepCase> cases, int parallel,
        bool measureKey, Action<SweepResult>? report = null, CancellationToken ct = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var results = new List<SweepResult>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (c, token) =>
        {
            var result = await OneAsync(http, baseUrl, c, measureKey, token);
            lock (results) results.Add(result);
            report?.Invoke(result);
        });
        return results.OrderBy(r => r.Case.Index).ToList();
    }

    private static async Task<SweepResult> OneAsync(HttpClient http, string baseUrl, SweepCase c, bool measureKey, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        using var response = await http.PostAsync(baseUrl + "/producer/audios", new StringContent(c.Json, Encoding.UTF8, "application/json"), ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        double seconds = sw.Elapsed.TotalSeconds;
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (!response.IsSuccessStatusCode || !root.TryGetProperty("success", out var ok) || !ok.GetBoolean())
        {
            string message = root.TryGetProperty("error", out var e) && e.TryGetProperty("message", out var m) ? m.GetString() ?? text : text;
            return new SweepResult(c, (int)response.StatusCode, message, seconds);
        }
        var item = root.GetProperty("data")[0];
        string id = item.GetProperty("id").GetString()!;
        using var detailsResponse = await http.GetAsync($"{baseUrl}/v1/songs/{id}", ct);
        using var details = JsonDocument.Parse(await detailsResponse.Content.ReadAsStringAsync(ct));
        var d = details.RootElement;
        string audio = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.m4a");
        try
        {
            await File.WriteAllBytesAsync(audio, await http.GetByteArrayAsync(item.GetProperty("audio_url").GetString(), ct), ct);
            var (lufs, peak) = Media.Ebur128(audio);
            string? measuredKey = measureKey ? KeyEstimator.Name(KeyEstimator.Estimate(Media.DecodeMono(audio))) : null;
            return new SweepResult(c, 200, null, seconds, d.GetProperty("genre").GetString(), d.GetProperty("tempo").GetDouble(),
                Media.AubioTempo(audio), d.GetProperty("key").GetString(), measuredKey, lufs, peak, Media.Duration(audio), id);
        }
        finally { File.Delete(audio); }
    }

    /// <summary>A one-paragraph summary: failures, agreement rates, loudness and true-peak spread, time per song.</summary>
    public static string Summary(IReadOnlyList<SweepResult> results)
    {
        var ok = results.Where(r => r.Succeeded).ToList();
        static string Spread(IEnumerable<double> xs)
        {
            var s = xs.Order().ToList();
            return s.Count == 0 ? "-" : $"min {s[0]:F2} / median {s[s.Count / 2]:F2} / max {s[^1]:F2}";
        }
        int keyed = ok.Count(r => r.MeasuredKey is not null);
        return $"{results.Count} songs: {results.Count - ok.Count} failed; tempo agreed on {ok.Count(r => r.TempoOk)}/{ok.Count} " +
               $"({100.0 * ok.Count(r => r.TempoOk) / Math.Max(1, ok.Count):F1} %)" +
               (keyed > 0 ? $"; key agreed on {ok.Count(r => r.KeyOk)}/{keyed} ({100.0 * ok.Count(r => r.KeyOk) / keyed:F1} %)" : "") +
               $"; loudness LUFS {Spread(ok.Select(r => r.Lufs))}; true peak dBTP {Spread(ok.Select(r => r.TruePeak))}; " +
               $"seconds per song {Spread(ok.Select(r => r.Seconds))}; song length s {Spread(ok.Select(r => r.Duration))}";
    }
}
