using NWaves.Transforms;

namespace OpenProducer.Engine.Analysis;

/// <summary>
/// For a recording in strict time: the one evenly spaced grid (period and phase) that lands on the most onset
/// strength, kick and bass counting double. A tracker's beats settle late and can lock to the off-beat for a while;
/// when they keep the grid's period (on the beat or half a beat off), the grid itself is the better answer.
/// </summary>
internal static class SteadyGrid
{
    private const int Window = 1024, Hop = 128;
    private const double HopSeconds = (double)Hop / Spectrogram.Rate;

    /// <summary>Onset strength every <see cref="Hop"/> samples: rectified log-spectral flux, bins under 200 Hz doubled.</summary>
    public static double[] OnsetEnvelope(float[] mono)
    {
        int frames = mono.Length / Hop + 1;
        var envelope = new double[frames];
        var fft = new RealFft(Window);
        var frame = new float[Window];
        var mag = new float[Window / 2 + 1];
        var previous = new double[Window / 2 + 1];
        int lowBins = (int)(200 / ((double)Spectrogram.Rate / Window));
        for (int f = 0; f < frames; f++)
        {
            int start = f * Hop - Window / 2;
            for (int i = 0; i < Window; i++)
            {
                int s = start + i;
                frame[i] = s >= 0 && s < mono.Length ? mono[s] * (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / Window)) : 0;
            }
            fft.MagnitudeSpectrum(frame, mag, normalize: false);
            double flux = 0;
            for (int k = 1; k < mag.Length; k++)
            {
                double v = Math.Log(1 + 10 * mag[k]);
                double d = v - previous[k];
                if (d > 0) flux += k <= lowBins ? 2 * d : d;
                previous[k] = v;
            }
            envelope[f] = flux;
        }
        return envelope;
    }

    /// <summary>The best steady grid from start to end, or null when the tracker's beats wander off any steady grid.</summary>
    public static List<double>? Fit(double[] envelope, IReadOnlyList<double> tracked, double period, double start, double end)
    {
        double bestScore = double.MinValue, bestPeriod = period, bestPhase = 0;
        for (double p = period * 0.96; p <= period * 1.04; p += period * 0.0005)
            for (double phase = 0; phase < p; phase += HopSeconds)
            {
                double score = 0;
                int n = 0;
                for (double t = start + phase; t < end; t += p) { score += At(envelope, t); n++; }
                score /= Math.Max(1, n);
                if (score > bestScore) { bestScore = score; bestPeriod = p; bestPhase = phase; }
            }
        double origin = start + bestPhase;
        // Steady: the tracked beats sit on the grid or halfway between its beats, within 40 ms (median).
        var off = tracked.Select(t =>
        {
            double half = bestPeriod / 2;
            double r = ((t - origin) % half + half) % half;
            return Math.Min(r, half - r);
        }).Order().ToList();
        if (off.Count < 8 || off[off.Count / 2] > 0.04) return null;
        var grid = new List<double>();
        for (double t = origin; t < end; t += bestPeriod) grid.Add(t);
        return grid;
    }

    private static double At(double[] envelope, double seconds)
    {
        double x = seconds / HopSeconds;
        int i = (int)x;
        if (i < 0 || i + 1 >= envelope.Length) return 0;
        // The strongest value nearby: an onset within a hop of the beat counts in full.
        return Math.Max(envelope[i], envelope[i + 1]);
    }
}
