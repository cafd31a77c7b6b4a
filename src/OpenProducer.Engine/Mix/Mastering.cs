using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// What the master measured after processing, and the settings that make it again: the limiter ceiling, the gain
/// into the limiter, and the mix's loudness the bus compressor's threshold sits on (null in records made before it
/// was kept: it is then measured from the mix again, which gives the same value).
/// </summary>
public sealed record MasterReport(double IntegratedLufs, double TruePeakDb, double GainDb, double CeilingDb = Mastering.DefaultCeilingDb, double? MixLufs = null);

/// <summary>
/// The master bus: EQ (rumble, mud, air), 2:1 bus compression, gain into a look-ahead limiter, loudness to target. A pure function of the
/// mix: every pass starts again from the filtered mix with a corrected gain, so passes never compound.
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
    /// Gain into the limiter until the loudness is on target, written to <paramref name="result"/>. Every pass
    /// starts again from the prepared mix with a corrected gain, so passes never compound.
    /// </summary>
    public static MasterReport Finish(AudioBuffer prepared, AudioBuffer result, double ceilingDb = DefaultCeilingDb, double targetLufs = TargetLufs)
    {
        double lufs = Loudness.Integrated(prepared);
        if (double.IsNegativeInfinity(lufs)) throw new EngineException("the rendered mix is silent");
        double next = targetLufs - lufs, applied = next;
        for (int pass = 0; pass < 6; pass++)
        {
            applied = next;
            prepared.Left.CopyTo(result.Left, 0);
            prepared.Right.CopyTo(result.Right, 0);
            Scale(result, applied);
            Limiter.Apply(result, ceilingDb);
            lufs = Loudness.Integrated(result);
            if (Math.Abs(lufs - targetLufs) < 0.1) break;
            // Limiting takes some loudness back: ask for more gain, which the limiter turns into density.
            next = applied + targetLufs - lufs;
        }
        return new MasterReport(lufs, Loudness.TruePeakDb(result), applied, ceilingDb);
    }

    /// <summary>
    /// The master as one gain per frame, for a mix mastered with <paramref name="report"/>: compressor curve ×
    /// loudness gain × limiter curve. Applied after <see cref="Equalize"/> to each stem, the stems sum to the master.
    /// </summary>
    public static float[] GainCurve(AudioBuffer mix, MasterReport report)
    {
        var prepared = Copy(mix);
        var (compressor, _) = Prepare(prepared, report.MixLufs);
        Scale(prepared, report.GainDb);
        var limiter = new float[prepared.Frames];
        Limiter.GainCurve(prepared, limiter, report.CeilingDb, 2.0, 80);
        float g = (float)Math.Pow(10, report.GainDb / 20);
        for (int i = 0; i < limiter.Length; i++) limiter[i] *= compressor[i] * g;
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
        Scale(result, report.GainDb);
        Limiter.Apply(result, report.CeilingDb);
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
