using System.Numerics;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// The true-peak envelope a limiter needs: for each frame, the largest magnitude of either channel at the sample
/// and at the three points between it and the next (4× oversampling, windowed sinc), as BS.1770 measures it.
/// A limiter that only sees samples lets the reconstructed wave swing up to ~1 dB over its ceiling between them.
/// </summary>
public static class TruePeak
{
    private const int Factor = 4, HalfTaps = 12, Taps = 2 * HalfTaps;
    /// <summary>The interpolation filter, one set of taps per fractional position (0, ¼, ½, ¾).</summary>
    internal static readonly float[][] Phases = BuildPhases();

    private static float[][] BuildPhases()
    {
        var phases = new float[Factor][];
        for (int p = 0; p < Factor; p++)
        {
            phases[p] = new float[Taps];
            double frac = p / (double)Factor;
            for (int k = 0; k < Taps; k++)
            {
                double x = k - HalfTaps + 1 - frac;
                double sinc = Math.Abs(x) < 1e-9 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
                double window = 0.5 + 0.5 * Math.Cos(Math.PI * x / HalfTaps);
                phases[p][k] = (float)(sinc * window);
            }
        }
        return phases;
    }

    /// <summary>The per-frame true-peak magnitude of <paramref name="audio"/> (linear, both channels).</summary>
    public static float[] Envelope(AudioBuffer audio)
    {
        int n = audio.Frames;
        var env = new float[n];
        // Zero-padded copies make every tap in range, so the inner loop is a plain vectorised multiply-add.
        var padded = new float[n + Taps + Vector<float>.Count];
        var acc = new float[n + Vector<float>.Count];
        foreach (var channel in new[] { audio.Left, audio.Right })
        {
            Array.Clear(padded);
            channel.CopyTo(padded, HalfTaps - 1);
            for (int i = 0; i < n; i++) env[i] = Math.Max(env[i], Math.Abs(channel[i]));
            for (int p = 1; p < Factor; p++)
            {
                Array.Clear(acc);
                var h = Phases[p];
                for (int k = 0; k < Taps; k++) MultiplyAdd(padded.AsSpan(k, n), h[k], acc.AsSpan(0, n));
                for (int i = 0; i < n; i++) env[i] = Math.Max(env[i], Math.Abs(acc[i]));
            }
        }
        return env;
    }

    /// <summary>acc += x · c, vectorised.</summary>
    private static void MultiplyAdd(ReadOnlySpan<float> x, float c, Span<float> acc)
    {
        int i = 0, w = Vector<float>.Count;
        var cv = new Vector<float>(c);
        for (; i + w <= x.Length; i += w)
            (new Vector<float>(acc[i..]) + new Vector<float>(x[i..]) * cv).CopyTo(acc[i..]);
        for (; i < x.Length; i++) acc[i] += x[i] * c;
    }
}
