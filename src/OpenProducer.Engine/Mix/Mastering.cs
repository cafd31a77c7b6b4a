using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// What the master measured after processing, and the settings that make it again: the limiter ceiling, the gain
/// into the limiter, the mix's loudness the bus compressor's threshold sits on (null in records made before it
/// was kept: it is then measured from the mix again, which gives the same value), and a last gain trim (dB, at most
/// 0) that the encoder check may add when the delivered file would otherwise peak over the true-peak ceiling.
/// </summary>
public sealed record MasterReport(double IntegratedLufs, double TruePeakDb, double GainDb, double CeilingDb = Mastering.DefaultCeilingDb,
    double? MixLufs = null, double TrimDb = 0);

/// <summary>
/// The master bus: EQ (rumble, mud, air), 2:1 bus compression, gain into a look-ahead true-peak limiter, loudness to
/// target. A pure function of the mix: every pass starts again from the filtered mix with a corrected gain, so passes
/// never compound.
/// </summary>
public static class Mastering
{
    public const double TargetLufs = -14.0;
    public const double TruePeakCeilingDb = -1.0;

    /// <summary>Sample-peak ceiling of the limiter; lossy encoding needs headroom above it.</summary>
    public const double DefaultCeilingDb = -2.2;

    /// <summary>Masters a copy of the mix; the mix itself is left as it was.</summary>
    public static (AudioBuffer Audio, MasterReport Report) Master(AudioBuffer mix, double ceilingDb = DefaultCeilingDb, double targetLufs = TargetLufs)
    {
        var prepared = Copy(mix);
        var (_, mixLufs) = Prepare(prepared);
        var result = new AudioBuffer(prepared.Frames, prepared.SampleRate);
        return (result, Finish(prepared, result, ceilingDb, targetLufs) with { MixLufs = mixLufs });
    }

    /// <summary>The master's linear filter (rumble out, a little less mud, a little more air), in place.</summary>
    public static void Equalize(AudioBuffer audio)
    {
        int fs = audio.SampleRate;
        Biquad.ProcessPair(Biquad.HighPass(25, 0.707, fs), Biquad.HighPass(25, 0.707, fs), audio.Left, audio.Right);
        Biquad.ProcessPair(Biquad.Peaking(300, 1.0, -1.5, fs), Biquad.Peaking(300, 1.0, -1.5, fs), audio.Left, audio.Right);
        Biquad.ProcessPair(Biquad.HighShelf(8000, 0.707, 1.5, fs), Biquad.HighShelf(8000, 0.707, 1.5, fs), audio.Left, audio.Right);
    }

    /// <summary>
    /// The linear and level-dependent part of the chain, once, in place: EQ, then 2:1 bus compression above the
    /// mix's own loudness. Returns the compressor's gain curve (what stems need to be mastered identically).
    /// </summary>
    public static (float[] Curve, double MixLufs) Prepare(AudioBuffer mix, double? mixLufs = null)
    {
        Equalize(mix);
        double lufs = mixLufs ?? Loudness.Integrated(mix);
        if (double.IsNegativeInfinity(lufs)) throw new EngineException("the rendered mix is silent");
        var curve = BusCompressor.GainCurve(mix, lufs + 4);
        for (int i = 0; i < mix.Frames; i++) { mix.Left[i] *= curve[i]; mix.Right[i] *= curve[i]; }
        return (curve, lufs);
    }

    /// <summary>
    /// Gain into the limiter until the loudness is on target, written to <paramref name="result"/>. Loudness rises
    /// monotonically with the gain (the limiter only ever takes some back), so a bracketed secant search finds the
    /// gain in a few passes however much limiting the mix needs; every pass starts again from the prepared mix.
    /// </summary>
    /// <param name="measure">Measure the result's true peak for the report (a caller that measures the encoded file
    /// instead skips it; the report then holds no true peak).</param>
    public static MasterReport Finish(AudioBuffer prepared, AudioBuffer result, double ceilingDb = DefaultCeilingDb, double targetLufs = TargetLufs,
        bool measure = true)
    {
        double start = Loudness.Integrated(prepared);
        if (double.IsNegativeInfinity(start)) throw new EngineException("the rendered mix is silent");
        var envelope = TruePeak.Envelope(prepared);
        var curve = new float[prepared.Frames];
        double Try(double gainDb)
        {
            Limit(prepared, envelope, gainDb, ceilingDb, result, curve);
            return Loudness.Integrated(result);
        }
        // Bracket: lo gives at most the target, hi at least; the secant step stays inside the bracket.
        double lo = double.NaN, loLufs = double.NaN, hi = double.NaN, hiLufs = double.NaN;
        double gain = targetLufs - start, best = gain, bestError = double.PositiveInfinity, bestLufs = start;
        for (int pass = 0; pass < 12; pass++)
        {
            double lufs = Try(gain);
            double error = lufs - targetLufs;
            if (Math.Abs(error) < Math.Abs(bestError)) (best, bestError, bestLufs) = (gain, error, lufs);
            if (Math.Abs(error) < 0.05) break;
            if (error < 0) (lo, loLufs) = (gain, lufs); else (hi, hiLufs) = (gain, lufs);
            if (double.IsNaN(hi)) gain += -error * 1.5 + 0.1;       // still too quiet: limiting eats some of every dB
            else if (double.IsNaN(lo)) gain += -error;              // too loud: loudness falls at least dB for dB
            else
            {
                double slope = (hiLufs - loLufs) / Math.Max(hi - lo, 1e-9);
                double next = lo + (targetLufs - loLufs) / Math.Max(slope, 1e-3);
                // Keep strictly inside the bracket (bisect if the secant would leave it).
                gain = next > lo && next < hi ? next : (lo + hi) / 2;
            }
        }
        if (best != gain || Math.Abs(bestError) >= 0.05) bestLufs = Try(best);
        return new MasterReport(bestLufs, measure ? Loudness.TruePeakDb(result) : double.NaN, best, ceilingDb);
    }

    /// <summary>
    /// The gain stage and limiter: <paramref name="result"/> = prepared × gain × limiter gain, the limiter reading the
    /// prepared mix's true-peak envelope scaled by the gain. Every path that masters (first pass, remake, stems)
    /// goes through here, so they agree to the bit.
    /// </summary>
    private static void Limit(AudioBuffer prepared, float[] envelope, double gainDb, double ceilingDb, AudioBuffer result, float[] curve)
    {
        double g = Math.Pow(10, gainDb / 20);
        Limiter.GainCurve(envelope, g, curve, ceilingDb, prepared.SampleRate);
        float gf = (float)g;
        for (int i = 0; i < prepared.Frames; i++)
        {
            float k = gf * curve[i];
            result.Left[i] = prepared.Left[i] * k;
            result.Right[i] = prepared.Right[i] * k;
        }
    }

    /// <summary>The encoder check's last correction: a plain gain (dB) on the finished master, in place.</summary>
    public static void Trim(AudioBuffer master, double trimDb)
    {
        if (trimDb != 0) Scale(master, trimDb);
    }

    /// <summary>
    /// The master as one gain per frame, for a mix mastered with <paramref name="report"/>: compressor curve ×
    /// loudness gain × limiter curve. Applied after <see cref="Equalize"/> to each stem, the stems sum to the master.
    /// </summary>
    public static float[] GainCurve(AudioBuffer mix, MasterReport report)
    {
        var prepared = Copy(mix);
        var (compressor, _) = Prepare(prepared, report.MixLufs);
        var limiter = new float[prepared.Frames];
        Limiter.GainCurve(TruePeak.Envelope(prepared), Math.Pow(10, report.GainDb / 20), limiter, report.CeilingDb, prepared.SampleRate);
        float g = (float)Math.Pow(10, report.GainDb / 20), trim = (float)Math.Pow(10, report.TrimDb / 20);
        for (int i = 0; i < limiter.Length; i++) limiter[i] = g * limiter[i] * compressor[i] * trim;
        return limiter;
    }

    /// <summary>
    /// Masters a mix again with the settings a report holds, without measuring anything: the same operations, in
    /// the same order, as the pass that made the report, so the result is the same to the bit.
    /// </summary>
    public static AudioBuffer Apply(AudioBuffer mix, MasterReport report)
    {
        var result = Copy(mix);
        Prepare(result, report.MixLufs);
        Limit(result, TruePeak.Envelope(result), report.GainDb, report.CeilingDb, result, new float[result.Frames]);
        Trim(result, report.TrimDb);
        return result;
    }

    internal static AudioBuffer Copy(AudioBuffer a)
    {
        var b = new AudioBuffer(a.Frames, a.SampleRate);
        a.Left.CopyTo(b.Left, 0);
        a.Right.CopyTo(b.Right, 0);
        return b;
    }

    private static void Scale(AudioBuffer audio, double gainDb)
    {
        float g = (float)Math.Pow(10, gainDb / 20);
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] *= g; audio.Right[i] *= g; }
    }
}
