using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

/// <summary>What the master measured after processing.</summary>
public sealed record MasterReport(double IntegratedLufs, double TruePeakDb, double GainDb);

/// <summary>The master bus: rumble filter, loudness to target, true-peak-safe limiting.</summary>
public static class Mastering
{
    public const double TargetLufs = -14.0;
    public const double TruePeakCeilingDb = -1.0;

    /// <summary>Sample-peak ceiling of the first limiting pass; lossy encoding needs headroom above it.</summary>
    public const double DefaultCeilingDb = -2.2;

    public static MasterReport Master(AudioBuffer audio)
    {
        var hpL = Biquad.HighPass(25, 0.707, audio.SampleRate);
        var hpR = Biquad.HighPass(25, 0.707, audio.SampleRate);
        hpL.Process(audio.Left);
        hpR.Process(audio.Right);

        double totalGainDb = 0;
        // Lossy encoding overshoots inter-sample peaks by about 1 dB, so the master leaves that headroom.
        double ceiling = DefaultCeilingDb;
        double lufs = Loudness.Integrated(audio);
        if (double.IsNegativeInfinity(lufs)) throw new EngineException("the rendered mix is silent");
        for (int pass = 0; pass < 4; pass++)
        {
            double gainDb = TargetLufs - lufs;
            Scale(audio, gainDb);
            totalGainDb += gainDb;
            Limiter.Apply(audio, ceiling);
            lufs = Loudness.Integrated(audio);
            if (Math.Abs(lufs - TargetLufs) < 0.15) break;
        }
        double tp = Loudness.TruePeakDb(audio);
        for (int pass = 0; pass < 3 && tp > TruePeakCeilingDb - 0.9; pass++)
        {
            ceiling -= tp - (TruePeakCeilingDb - 0.9) + 0.1;
            Limiter.Apply(audio, ceiling);
            tp = Loudness.TruePeakDb(audio);
        }
        return new MasterReport(Loudness.Integrated(audio), tp, totalGainDb);
    }

    private static void Scale(AudioBuffer audio, double gainDb)
    {
        float g = (float)Math.Pow(10, gainDb / 20);
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] *= g; audio.Right[i] *= g; }
    }
}
