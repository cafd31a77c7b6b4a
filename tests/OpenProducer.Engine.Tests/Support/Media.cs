using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace OpenProducer.Tests.Support;

/// <summary>Independent measurements with ffmpeg, ffprobe and aubio: the tests never trust the engine's own numbers.</summary>
public static partial class Media
{
    public static string Run(string exe, string args, int timeoutMs = 120_000)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs)) { p.Kill(true); throw new TimeoutException($"{exe} {args}"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} failed: {stderr.Result}");
        return stdout.Result + stderr.Result;
    }

    public static double Duration(string path) =>
        double.Parse(Run("ffprobe", $"-v error -show_entries format=duration -of csv=p=0 \"{path}\"").Trim(), CultureInfo.InvariantCulture);

    /// <summary>A file's streams as ffprobe reads them: type, codec and, where they apply, rate, bits and size.</summary>
    public static List<MediaTrack> Streams(string path)
    {
        var result = new List<MediaTrack>();
        string csv = Run("ffprobe", $"-v error -show_entries stream=codec_type,codec_name,sample_rate,bits_per_raw_sample,bits_per_sample,width,height -of json \"{path}\"");
        using var doc = System.Text.Json.JsonDocument.Parse(csv[..(csv.LastIndexOf('}') + 1)]);
        foreach (var s in doc.RootElement.GetProperty("streams").EnumerateArray())
        {
            int Int(string name) => s.TryGetProperty(name, out var v) && int.TryParse(v.ToString(), out int n) ? n : 0;
            result.Add(new MediaTrack(s.GetProperty("codec_type").GetString()!, s.GetProperty("codec_name").GetString()!,
                Int("sample_rate"), Math.Max(Int("bits_per_raw_sample"), Int("bits_per_sample")), Int("width"), Int("height")));
        }
        return result;
    }

    /// <summary>Decodes to interleaved 16-bit stereo at 44.1 kHz (what a lossless file holds, for exact comparison).</summary>
    public static short[] DecodeStereo16(string path) => Decode<short>(path, "-ac 2 -ar 44100 -f s16le");

    /// <summary>Decodes with ffmpeg to raw samples of type <typeparamref name="T"/> (the output options say which).</summary>
    private static T[] Decode<T>(string path, string output) where T : struct
    {
        string raw = Path.GetTempFileName();
        try
        {
            Run("ffmpeg", $"-v error -y -i \"{path}\" {output} \"{raw}\"");
            return MemoryMarshal.Cast<byte, T>(File.ReadAllBytes(raw)).ToArray();
        }
        finally { File.Delete(raw); }
    }

    /// <summary>One video frame at <paramref name="seconds"/> (an image: its only frame, at 0), as RGB24 bytes at the given size.</summary>
    public static byte[] Frame(string path, double seconds, int width, int height)
    {
        string raw = Path.GetTempFileName();
        try
        {
            Run("ffmpeg", string.Create(CultureInfo.InvariantCulture,
                $"-v error -y {(seconds > 0 ? $"-ss {seconds} " : "")}-i \"{path}\" -frames:v 1 -vf scale={width}:{height} -pix_fmt rgb24 -f rawvideo \"{raw}\""));
            return File.ReadAllBytes(raw);
        }
        finally { File.Delete(raw); }
    }

    /// <summary>Decodes to mono float samples at 44.1 kHz.</summary>
    public static float[] DecodeMono(string path) => Decode<float>(path, "-ac 1 -ar 44100 -f f32le");

    public static double RmsDb(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x) sum += v * (double)v;
        return 10 * Math.Log10(Math.Max(sum / Math.Max(1, x.Length), 1e-20));
    }

    /// <summary>Integrated loudness and true peak as ffmpeg's ebur128 filter reports them.</summary>
    public static (double Lufs, double TruePeak) Ebur128(string path)
    {
        string output = Run("ffmpeg", $"-hide_banner -nostats -i \"{path}\" -af ebur128=peak=true -f null -");
        string summary = output[output.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        double lufs = double.Parse(Integrated().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
        double peak = double.Parse(PeakLine().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
        return (lufs, peak);
    }

    /// <summary>
    /// ffmpeg ebur128's short-term loudness (a 3 s window) every 100 ms, as (time the window ends, LUFS).
    /// </summary>
    public static List<(double Time, double Lufs)> ShortTermLoudness(string path)
    {
        string output = Run("ffmpeg", $"-hide_banner -nostats -i \"{path}\" -af ebur128 -f null -");
        return ShortTerm().Matches(output).Select(m => (
            double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>How loud the side signal (L − R) is against the mid (L + R), in dB of RMS: −∞ for mono, 0 for unrelated channels.</summary>
    public static double SideToMidDb(string path)
    {
        var pcm = DecodeStereo16(path);
        double mid = 0, side = 0;
        for (int i = 0; i + 1 < pcm.Length; i += 2)
        {
            double m = pcm[i] + (double)pcm[i + 1], s = pcm[i] - (double)pcm[i + 1];
            mid += m * m;
            side += s * s;
        }
        return 10 * Math.Log10(Math.Max(side, 1e-9) / Math.Max(mid, 1e-9));
    }

    /// <summary>
    /// Tempo from aubio's beat tracker (steadier than <c>aubio tempo</c>): the median inter-beat interval, taken
    /// within one octave. A tracker may follow the beat for a while and then its half (or double) bar-level pulse;
    /// a plain median of such a mixture lands between the two (0.42 s and 0.85 s intervals gave 0.45 s, a tempo
    /// nobody played). Folding every interval into one octave (its log2 modulo 1) and taking the circular median
    /// reads both levels as one tempo, reported between 60 and 120 bpm, which <see cref="TempoMatches"/> compares
    /// with the claimed tempo, its half and its double. A tracker that settles on anything else (two thirds of the
    /// beat, a drifting period) still disagrees.
    /// </summary>
    public static double AubioTempo(string path)
    {
        var beats = AubioTimes("beat", path);
        var phases = beats.Zip(beats.Skip(1), (a, b) => b - a).Where(d => d > 0)
            .Select(d => Math.Log2(d) - Math.Floor(Math.Log2(d))).ToArray();
        if (phases.Length == 0) return 0;
        static double Distance(double a, double b) { double d = Math.Abs(a - b); return Math.Min(d, 1 - d); }
        double median = phases.MinBy(p => phases.Sum(q => Distance(p, q)));
        // 2^median seconds lies in [1, 2): a beat of 60–30 bpm, reported an octave up.
        return 2 * 60 / Math.Pow(2, median);
    }

    /// <summary>Onsets per second as aubio's onset detector finds them: a measure of how busy the rhythm is.</summary>
    public static double OnsetRate(string path, double from = 0, double to = double.MaxValue) =>
        AubioTimes("onset", path).Count(t => t >= from && t < to) / (Math.Min(to, Duration(path)) - from);

    /// <summary>
    /// aubio's pitch track of a WAV file (yinfft, 512-sample hop, silence gate −45 dB): the frames with a pitch,
    /// as (seconds, value) in <paramref name="unit"/> ("midi" or "Hz").
    /// </summary>
    public static List<(double Time, double Value)> AubioPitch(OpenProducer.Engine.Core.AudioBuffer audio, string unit)
    {
        string wav = Path.Combine(Path.GetTempPath(), $"pitch-{Guid.NewGuid():N}.wav");
        try
        {
            using (var f = File.Create(wav)) OpenProducer.Engine.Encode.WavWriter.Write16(audio, f);
            return AubioPitch(wav, unit);
        }
        finally { File.Delete(wav); }
    }

    public static List<(double Time, double Value)> AubioPitch(string wav, string unit)
    {
        var track = new List<(double, double)>();
        foreach (var line in Run("aubio", $"pitch -m yinfft -u {unit} -H 512 -s -45 \"{wav}\"").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double t)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0)
                track.Add((t, v));
        }
        return track;
    }

    /// <summary>The times (seconds) an aubio command reports for a file, decoded to mono WAV first.</summary>
    private static double[] AubioTimes(string command, string path)
    {
        string wav = Path.Combine(Path.GetTempPath(), $"aubio-{Guid.NewGuid():N}.wav");
        try
        {
            Run("ffmpeg", $"-v error -y -i \"{path}\" -ac 1 -ar 44100 \"{wav}\"");
            return Run("aubio", $"{command} \"{wav}\"").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => double.TryParse(l.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double t) ? t : double.NaN)
                .Where(double.IsFinite).ToArray();
        }
        finally { File.Delete(wav); }
    }

    /// <summary>True when <paramref name="measured"/> is within <paramref name="tolerance"/> of the tempo, its half or its double.</summary>
    public static bool TempoMatches(double measured, double tempo, double tolerance = 0.04) =>
        new[] { tempo, tempo / 2, tempo * 2 }.Any(t => Math.Abs(measured - t) <= t * tolerance);

    /// <summary>Magnitude of the spectrum at a frequency (Goertzel), normalised by length.</summary>
    public static double Magnitude(ReadOnlySpan<float> x, double freq, int sampleRate)
    {
        double w = 2 * Math.PI * freq / sampleRate, coeff = 2 * Math.Cos(w), s1 = 0, s2 = 0;
        foreach (var v in x) { double s0 = v + coeff * s1 - s2; s2 = s1; s1 = s0; }
        return Math.Sqrt(s1 * s1 + s2 * s2 - coeff * s1 * s2) / x.Length;
    }

    [GeneratedRegex(@"t:\s*([\d.]+)\s+TARGET:\S+\s+LUFS\s+M:\s*-?[\d.]+\s+S:\s*(-?[\d.]+)")]
    private static partial Regex ShortTerm();

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex Integrated();

    [GeneratedRegex(@"Peak:\s+(-?[\d.]+|-inf) dBFS")]
    private static partial Regex PeakLine();
}

/// <summary>A stream (track) of a media file as ffprobe reports it.</summary>
public sealed record MediaTrack(string Type, string Codec, int SampleRate, int Bits, int Width, int Height);
