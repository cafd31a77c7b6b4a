using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Band-limited resampling with a Blackman-windowed sinc (16 zero crossings each side). Reading audio made at
/// one rate as if made at a higher one is how the voice's formants are moved (see <see cref="Singer"/>).
/// </summary>
public static class Resampler
{
    private const int ZeroCrossings = 16;

    public static float[] Apply(float[] x, double fromRate, double toRate)
    {
        double ratio = toRate / fromRate;
        int outLength = (int)Math.Floor(x.Length * ratio);
        var y = new float[outLength];
        double cutoff = Math.Min(1.0, ratio) * 0.97; // of the input's Nyquist
        double halfWidth = ZeroCrossings / cutoff;  // in input samples
        var (table, slope, pairs) = Tables();
        System.Threading.Tasks.Parallel.For(0, (outLength + 4095) / 4096, Core.Cores.Loop(), block =>
        {
            int n = block * 4096, end = Math.Min(outLength, (block + 1) * 4096);
            if (Avx2.IsSupported)
                for (; n + 4 <= end; n += 4) Four(x, y, n, ratio, cutoff, halfWidth, pairs);
            for (; n < end; n++) y[n] = One(x, n, ratio, cutoff, halfWidth, table, slope);
        });
        return y;
    }

    /// <summary>Output sample <paramref name="n"/>: its taps summed in input order.</summary>
    // Called millions of times a song: optimized from its first call, as Resampler.Four is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float One(float[] x, int n, double ratio, double cutoff, double halfWidth, double[] table, double[] slope)
    {
        double t = n / ratio;
        int first = Math.Max(0, (int)Math.Ceiling(t - halfWidth)), last = Math.Min(x.Length - 1, (int)Math.Floor(t + halfWidth));
        double acc = 0;
        for (int k = first; k <= last; k++)
        {
            double v = Math.Abs(k - t) * cutoff * Steps;
            int i = (int)v;
            if (i >= Last) continue;
            double frac = v - i;
            acc += x[k] * (table[i] + slope[i] * frac);
        }
        return (float)(acc * cutoff);
    }

    /// <summary>
    /// Output samples <paramref name="n"/> to <paramref name="n"/> + 3 at once, one per lane: each lane walks the
    /// input over the four outputs' joint span, and a tap outside its own span (or past the table) adds exactly zero,
    /// so every output is the same sum, in the same order, as <see cref="One"/> makes it. Each lane loads its own
    /// table entry (gathers were slower), and the four are transposed into a value vector and a slope vector.
    /// </summary>
    // Called for every four output samples, millions of times a song: optimized from its first call (the tiered JIT
    // left it unoptimized through most of a process's first song, 8% of that song's CPU).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Four(float[] x, float[] y, int n, double ratio, double cutoff, double halfWidth, double[] pairs)
    {
        double t0 = n / ratio, t1 = (n + 1) / ratio, t2 = (n + 2) / ratio, t3 = (n + 3) / ratio;
        var t = Vector256.Create(t0, t1, t2, t3);
        var lo = Vector256.Create(Math.Ceiling(t0 - halfWidth), Math.Ceiling(t1 - halfWidth), Math.Ceiling(t2 - halfWidth), Math.Ceiling(t3 - halfWidth));
        var hi = Vector256.Create(Math.Floor(t0 + halfWidth), Math.Floor(t1 + halfWidth), Math.Floor(t2 + halfWidth), Math.Floor(t3 + halfWidth));
        int first = Math.Max(0, (int)lo.GetElement(0)), last = Math.Min(x.Length - 1, (int)hi.GetElement(3));
        var cut = Vector256.Create(cutoff);
        var steps = Vector256.Create((double)Steps);
        var end = Vector256.Create((double)Last);
        var top = Vector128.Create(Last - 1);
        var acc = Vector256<double>.Zero;
        fixed (double* pp = pairs)
        {
            for (int k = first; k <= last; k++)
            {
                var kd = Vector256.Create((double)k);
                var v = Vector256.Abs(kd - t) * cut * steps;
                var i = Avx.ConvertToVector128Int32WithTruncation(v);
                var frac = v - Avx.ConvertToVector256Double(i);
                var keep = Vector256.GreaterThanOrEqual(kd, lo) & Vector256.LessThanOrEqual(kd, hi) & Vector256.LessThan(v, end);
                var at = Sse41.Min(i, top);
                var p02 = Vector256.Create(Sse2.LoadVector128(pp + 2 * at.GetElement(0)), Sse2.LoadVector128(pp + 2 * at.GetElement(2)));
                var p13 = Vector256.Create(Sse2.LoadVector128(pp + 2 * at.GetElement(1)), Sse2.LoadVector128(pp + 2 * at.GetElement(3)));
                var coef = Avx.UnpackLow(p02, p13) + Avx.UnpackHigh(p02, p13) * frac;
                acc += (Vector256.Create((double)x[k]) * coef) & keep;
            }
        }
        var r = acc * cut;
        y[n] = (float)r.GetElement(0);
        y[n + 1] = (float)r.GetElement(1);
        y[n + 2] = (float)r.GetElement(2);
        y[n + 3] = (float)r.GetElement(3);
    }

    private const int Steps = 512, Last = ZeroCrossings * Steps + 1;
    private static (double[] Table, double[] Slope, double[] Pairs)? tables;

    /// <summary>
    /// The windowed sinc at 1/512 of a zero crossing, from 0 to the last crossing, and each step's rise to the next
    /// (the linear interpolation's slope, the same difference the interpolation would take); and the two
    /// interleaved, so a lane reads its step's value and slope in one load.
    /// </summary>
    private static (double[] Table, double[] Slope, double[] Pairs) Tables() => tables ??= Build();

    private static (double[] Table, double[] Slope, double[] Pairs) Build()
    {
        var table = Enumerable.Range(0, ZeroCrossings * Steps + 2).Select(i =>
        {
            double v = i / (double)Steps;
            if (v > ZeroCrossings) return 0.0;
            double sinc = i == 0 ? 1 : Math.Sin(Math.PI * v) / (Math.PI * v);
            double w = 0.42 + 0.5 * Math.Cos(Math.PI * v / ZeroCrossings) + 0.08 * Math.Cos(2 * Math.PI * v / ZeroCrossings);
            return sinc * w;
        }).ToArray();
        var slope = new double[table.Length - 1];
        for (int i = 0; i < slope.Length; i++) slope[i] = table[i + 1] - table[i];
        var pairs = new double[2 * slope.Length];
        for (int i = 0; i < slope.Length; i++) (pairs[2 * i], pairs[2 * i + 1]) = (table[i], slope[i]);
        return (table, slope, pairs);
    }
}
