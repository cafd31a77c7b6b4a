using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Tests.Separation;

/// <summary>How well one estimated source matches its truth, in dB.</summary>
/// <param name="Sdr">Plain signal-to-distortion: |s|² over |s − ŝ|², both channels together.</param>
/// <param name="BssSdr">BSS-eval style with gain-only projections: the target part of ŝ against all the rest.</param>
/// <param name="Sir">BSS-eval style: the target part of ŝ against the part of ŝ that projects onto the other source.</param>
public sealed record SourceScore(double Sdr, double BssSdr, double Sir);

/// <summary>
/// Separation measures. The estimate is projected onto the span of the two true sources (both channels as one
/// vector, no filters): the part along its own source is the target, the rest of the projection is interference,
/// and what is outside the span is artefact.
/// </summary>
public static class SeparationScore
{
    public static SourceScore Score(AudioBuffer estimate, AudioBuffer truth, AudioBuffer other)
    {
        double ss = 0, oo = 0, so = 0, es = 0, eo = 0, ee = 0, err = 0;
        Accumulate(estimate.Left, truth.Left, other.Left, ref ss, ref oo, ref so, ref es, ref eo, ref ee, ref err);
        Accumulate(estimate.Right, truth.Right, other.Right, ref ss, ref oo, ref so, ref es, ref eo, ref ee, ref err);
        double sdr = 10 * Math.Log10(ss / Math.Max(err, 1e-30));
        // Target: projection of ŝ onto s. Full projection onto span{s, o}: solve the 2x2 Gram system.
        double a = es / ss;
        double targetEnergy = a * a * ss;
        double det = ss * oo - so * so;
        double alpha = (es * oo - eo * so) / det, beta = (eo * ss - es * so) / det;
        // Interference = P_all(ŝ) − target = (alpha − a)·s + beta·o.
        double da = alpha - a;
        double interference = da * da * ss + 2 * da * beta * so + beta * beta * oo;
        double projected = alpha * alpha * ss + 2 * alpha * beta * so + beta * beta * oo;
        double artefact = Math.Max(ee - projected, 0);
        double bssSdr = 10 * Math.Log10(targetEnergy / Math.Max(interference + artefact, 1e-30));
        double sir = 10 * Math.Log10(targetEnergy / Math.Max(interference, 1e-30));
        return new SourceScore(sdr, bssSdr, sir);
    }

    private static void Accumulate(float[] e, float[] s, float[] o, ref double ss, ref double oo, ref double so, ref double es, ref double eo,
        ref double ee, ref double err)
    {
        for (int i = 0; i < e.Length; i++)
        {
            double x = e[i], t = s[i], u = o[i];
            ss += t * t; oo += u * u; so += t * u; es += x * t; eo += x * u; ee += x * x;
            err += (t - x) * (t - x);
        }
    }

    /// <summary>
    /// What the vocal estimate lets through while nobody sings (the band alone, a lead instrument between sung
    /// lines): over 50 ms blocks where the true vocals are 50 dB or more below the mix, the estimate's energy against
    /// the mix's, in dB; −∞ when there is no such block.
    /// </summary>
    public static double LeakWhileSilentDb(AudioBuffer estimate, AudioBuffer truth, AudioBuffer mix)
    {
        int block = Math.Max(1, mix.SampleRate / 20);
        double leaked = 0, band = 0;
        for (int start = 0; start < mix.Frames; start += block)
        {
            int end = Math.Min(mix.Frames, start + block);
            double t = Energy(truth, start, end), m = Energy(mix, start, end);
            if (m <= 0 || t > m * 1e-5) continue;
            leaked += Energy(estimate, start, end);
            band += m;
        }
        return band > 0 ? 10 * Math.Log10(Math.Max(leaked, 1e-30) / band) : double.NegativeInfinity;
    }

    private static double Energy(AudioBuffer a, int start, int end)
    {
        double e = 0;
        for (int i = start; i < end; i++) e += (double)a.Left[i] * a.Left[i] + (double)a.Right[i] * a.Right[i];
        return e;
    }

    public static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
