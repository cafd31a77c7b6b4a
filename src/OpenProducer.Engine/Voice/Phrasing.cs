using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// What a producer does to a sung take between and across its lines: a breath before each phrase that follows a
/// rest, and a fader ride that keeps every line at the same distance above the band (a chorus's louder band lifts
/// its voice with it; a quiet verse line is not left behind).
/// </summary>
public static class Phrasing
{
    /// <summary>A phrase gets a breath when the voice has rested at least this long before it (seconds).</summary>
    public const double BreathAfterRest = 0.6;

    /// <summary>How far (dB) a line's ride may move from the song's overall vocal gain.</summary>
    public const double MaxRideDb = 4;

    /// <summary>
    /// Adds an inhale before each phrase that follows a rest: noise shaped like a breath (1–5 kHz, a quick rise and a
    /// slower fall, up to 350 ms), ending just before the line's first consonant, 20 dB under the line's voice.
    /// Seeded per line, so the song stays deterministic.
    /// </summary>
    public static void AddBreaths(AudioBuffer vocal, ComposedSong song, IReadOnlyList<LyricLine> lines)
    {
        var score = song.Score;
        int rate = vocal.SampleRate;
        for (int i = 0; i < lines.Count; i++)
        {
            double start = score.TimeOf(lines[i].Start), rest = i == 0 ? start : start - score.TimeOf(lines[i - 1].End);
            if (rest < BreathAfterRest) continue;
            double voiceRms = Rms(vocal.Left, (int)(start * rate), (int)(score.TimeOf(lines[i].End) * rate));
            if (voiceRms <= 0) continue;
            double seconds = Math.Min(0.35, rest * 0.5);
            int end = (int)((start - 0.16) * rate), from = end - (int)(seconds * rate);
            if (from < 0) continue;
            var rng = new Rng(0xB2EA7 + (ulong)i);
            var noise = new float[end - from];
            for (int k = 0; k < noise.Length; k++) noise[k] = (float)(rng.NextDouble() * 2 - 1);
            Biquad.HighPass(1000, 0.707, rate).Process(noise);
            Biquad.LowPass(5000, 0.707, rate).Process(noise);
            double noiseRms = Rms(noise, 0, noise.Length);
            double gain = voiceRms * Math.Pow(10, -20 / 20.0) / Math.Max(1e-12, noiseRms);
            for (int k = 0; k < noise.Length; k++)
            {
                double u = k / (double)noise.Length;
                // Rises over the first third, falls over the rest: an inhale, not a hiss.
                double shape = u < 1 / 3.0 ? Math.Sin(Math.PI / 2 * u * 3) : Math.Cos(Math.PI / 2 * (u - 1 / 3.0) * 1.5);
                float v = (float)(gain * shape * shape * noise[k] * 1.6);
                vocal.Left[from + k] += v;
                vocal.Right[from + k] += v;
            }
        }
    }

    /// <summary>
    /// The ride: each line's gain puts its voice <paramref name="aboveBandDb"/> over the band inside that line,
    /// within <see cref="MaxRideDb"/> of the gain the whole song would get; the gain moves linearly between lines.
    /// </summary>
    public static void Ride(AudioBuffer vocal, AudioBuffer band, ComposedSong song, IReadOnlyList<LyricLine> lines, double aboveBandDb)
    {
        var score = song.Score;
        int rate = vocal.SampleRate;
        var spans = lines.Select(l => ((int)(score.TimeOf(l.Start) * rate), Math.Min(vocal.Frames, (int)(score.TimeOf(l.End) * rate)))).ToList();
        double Db(double e) => 10 * Math.Log10(Math.Max(1e-20, e));
        double voiceAll = spans.Sum(s => Energy(vocal, s.Item1, s.Item2, mono: true)), bandAll = spans.Sum(s => Energy(band, s.Item1, s.Item2, mono: false));
        double overall = Db(bandAll) - Db(voiceAll) + aboveBandDb;
        var gains = spans.Select(s =>
        {
            double v = Energy(vocal, s.Item1, s.Item2, mono: true), b = Energy(band, s.Item1, s.Item2, mono: false);
            double db = v <= 0 || b <= 0 ? overall : Math.Clamp(Db(b) - Db(v) + aboveBandDb, overall - MaxRideDb, overall + MaxRideDb);
            return Math.Pow(10, db / 20);
        }).ToArray();
        if (gains.Length == 0) return;
        int line = 0;
        for (int i = 0; i < vocal.Frames; i++)
        {
            while (line + 1 < spans.Count && i >= spans[line + 1].Item1) line++;
            double g;
            if (i < spans[0].Item1) g = gains[0];
            else if (i < spans[line].Item2 || line + 1 >= spans.Count) g = gains[line];
            else
            {
                double u = (i - spans[line].Item2) / (double)Math.Max(1, spans[line + 1].Item1 - spans[line].Item2);
                g = gains[line] + u * (gains[line + 1] - gains[line]);
            }
            vocal.Left[i] *= (float)g;
            vocal.Right[i] *= (float)g;
        }
    }

    /// <summary>Energy of frames [from, to) (left channel, or the mean of both).</summary>
    internal static double Energy(AudioBuffer a, int from, int to, bool mono)
    {
        double e = 0;
        for (int i = Math.Max(0, from); i < Math.Min(a.Frames, to); i++)
            e += mono ? a.Left[i] * (double)a.Left[i] : (a.Left[i] * (double)a.Left[i] + a.Right[i] * (double)a.Right[i]) / 2;
        return e;
    }

    private static double Rms(float[] x, int from, int to)
    {
        double e = 0; int n = 0;
        for (int i = Math.Max(0, from); i < Math.Min(x.Length, to); i++) { e += x[i] * (double)x[i]; n++; }
        return n == 0 ? 0 : Math.Sqrt(e / n);
    }
}
