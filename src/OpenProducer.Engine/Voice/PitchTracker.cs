namespace OpenProducer.Engine.Voice;

/// <summary>
/// A coarse pitch track of speech whose pitch the engine did not choose (a synthesiser that makes its own
/// intonation): normalised cross-correlation on a 8 kHz copy, 5 ms hop, 60–500 Hz, the shortest lag close to the
/// best one (so no octave drops), median-smoothed. <see cref="Psola.Analyze"/> refines the periods around it.
/// </summary>
public sealed class PitchTracker
{
    private const double Hop = 0.005;
    private readonly double[] hz;
    private readonly double fallback;

    public PitchTracker(float[] x, int sampleRate)
    {
        const int rate = 8000;
        var y = Resampler.Apply(x, sampleRate, rate);
        int hop = (int)(rate * Hop), minLag = rate / 500, maxLag = rate / 60, window = maxLag;
        int frames = Math.Max(0, y.Length / hop);
        double peak = 0;
        for (int f = 0; f < frames; f++) peak = Math.Max(peak, Energy(y, f * hop, hop));
        var raw = new double[frames];
        var r = new double[maxLag + 1];
        for (int f = 0; f < frames; f++)
        {
            int from = f * hop + hop / 2 - window / 2;
            if (from < 0 || from + window + maxLag > y.Length || Energy(y, f * hop, hop) < peak * 1e-3) continue;
            double best = 0;
            Psola.NccfLags(y, from, window, minLag, r.AsSpan(minLag));
            for (int lag = minLag; lag <= maxLag; lag++) best = Math.Max(best, r[lag]);
            if (best < 0.5) continue;
            for (int lag = minLag + 1; lag < maxLag; lag++)
                if (r[lag] >= 0.85 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) { raw[f] = rate / (double)lag; break; }
        }
        hz = new double[frames];
        for (int f = 0; f < frames; f++)
        {
            if (raw[f] == 0) continue;
            var near = new List<double>();
            for (int k = Math.Max(0, f - 2); k <= Math.Min(frames - 1, f + 2); k++) if (raw[k] > 0) near.Add(raw[k]);
            near.Sort();
            hz[f] = near[near.Count / 2];
        }
        var voiced = hz.Where(v => v > 0).Order().ToList();
        fallback = voiced.Count > 0 ? voiced[voiced.Count / 2] : 150;
    }

    /// <summary>The pitch at a time (seconds), or the nearest voiced frame's.</summary>
    public double HzAt(double t)
    {
        if (hz.Length == 0) return fallback;
        int f = Math.Clamp((int)(t / Hop), 0, hz.Length - 1);
        for (int d = 0; d < 40; d++)
        {
            if (f - d >= 0 && hz[f - d] > 0) return hz[f - d];
            if (f + d < hz.Length && hz[f + d] > 0) return hz[f + d];
        }
        return fallback;
    }

    private static double Energy(float[] x, int from, int length)
    {
        double e = 0;
        for (int i = from; i < Math.Min(x.Length, from + length); i++) e += x[i] * (double)x[i];
        return e / length;
    }
}
