using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenProducer.Server.Queue;

namespace OpenProducer.Server.Uploads;

/// <summary>What a checked recording is: its container, the extension it is kept under, and its length.</summary>
public sealed record RecordingInfo(string Format, string Extension, double Seconds);

/// <summary>
/// Checks an uploaded file before anything is made of it: ffprobe reads it with only the whitelisted demuxers
/// (mp3, MP4/M4A/AAC, WAV, FLAC, Ogg/Opus, WebM/Matroska) and local files only, so a playlist or a stream description
/// can never make it open anything else; then it must hold audio, last at most <see cref="MaxSeconds"/>, and not be
/// silent. Every refusal is a <c>bad_request</c> that says what was wrong.
/// </summary>
public static class RecordingCheck
{
    public const long MaxBytes = 50L * 1024 * 1024;
    public const double MaxSeconds = 600;

    /// <summary>Below this peak (dBFS) a recording is silence.</summary>
    public const double SilentBelowDb = -60;

    /// <summary>The demuxers accepted, and the extension the original is kept under.</summary>
    private static readonly Dictionary<string, string> Formats = new(StringComparer.Ordinal)
    {
        ["mp3"] = ".mp3", ["mov"] = ".m4a", ["aac"] = ".aac", ["wav"] = ".wav", ["flac"] = ".flac", ["ogg"] = ".ogg", ["matroska"] = ".webm",
    };

    /// <summary>The ffmpeg options that keep reading to the whitelisted demuxers and to local files.</summary>
    public static readonly string Whitelist = "-protocol_whitelist file -format_whitelist mp3,mov,aac,wav,flac,ogg,matroska";

    public static async Task<RecordingInfo> CheckAsync(string path, string field, CancellationToken ct)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) throw Refused($"{field} is empty.");
        string probe = await RunAsync("ffprobe",
            $"-v error {Whitelist} -show_entries format=format_name,duration:stream=codec_type -of json \"{path}\"", ct);
        using var doc = probe.Length == 0 ? null : JsonDocument.Parse(probe);
        var format = doc?.RootElement.TryGetProperty("format", out var f) == true ? f : default;
        string name = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("format_name", out var n) ? n.GetString() ?? "" : "";
        string demuxer = name.Split(',')[0];
        bool hasAudio = doc?.RootElement.TryGetProperty("streams", out var streams) == true
            && streams.EnumerateArray().Any(s => s.TryGetProperty("codec_type", out var t) && t.GetString() == "audio");
        if (!Formats.TryGetValue(demuxer, out string? extension) || !hasAudio)
            throw Refused($"{field} is not audio in a format this server reads (mp3, m4a/mp4/aac, wav, flac, ogg/opus or webm).");
        double seconds = format.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 0;
        // A header can claim any length: the decoded length is the one that counts, and silence is measured on the way.
        var (decoded, peakDb) = await MeasureAsync(path, ct);
        seconds = decoded > 0 ? decoded : seconds;
        if (seconds <= 0.05) throw Refused($"{field} holds no audio.");
        if (seconds > MaxSeconds) throw Refused($"{field} is too long ({seconds:0} s; at most {MaxSeconds / 60:0} minutes).");
        if (peakDb < SilentBelowDb) throw Refused($"{field} is silent.");
        return new RecordingInfo(demuxer, extension, Math.Round(seconds, 3));
    }

    /// <summary>Decodes the whole file once (nothing kept) for its true length and its peak level.</summary>
    private static async Task<(double Seconds, double PeakDb)> MeasureAsync(string path, CancellationToken ct)
    {
        // Counted at a fixed rate and channel count, the samples give the length whatever the file's own layout.
        const int rate = 16000, channels = 2;
        string log = await RunAsync("ffmpeg",
            $"-hide_banner -nostats {Whitelist} -i \"{path}\" -map 0:a:0 -af aresample={rate},aformat=channel_layouts=stereo,volumedetect -f null -", ct, stderr: true);
        double seconds = 0, peak = double.NegativeInfinity;
        foreach (var line in log.Split('\n'))
        {
            if (After(line, "n_samples:") is { } n && long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out long samples))
                seconds = samples / (double)(rate * channels);
            if (After(line, "max_volume:") is { } v && double.TryParse(v.Replace("dB", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double p))
                peak = p;
        }
        return (seconds, peak);
    }

    private static string? After(string line, string label) =>
        line.IndexOf(label, StringComparison.Ordinal) is int at and >= 0 ? line[(at + label.Length)..].Trim() : null;

    private static UserInputException Refused(string message) => new(message, badRequest: true);

    private static async Task<string> RunAsync(string exe, string args, CancellationToken ct, bool stderr = false)
    {
        using var p = Process.Start(new ProcessStartInfo(exe, args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{exe} could not be started");
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var errors = p.StandardError.ReadToEndAsync(ct);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cut.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cut.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        return stderr ? await errors : await output;
    }
}
