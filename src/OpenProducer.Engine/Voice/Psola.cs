using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Time-domain pitch-synchronous overlap-add (TD-PSOLA): moves a voice to any pitch contour and length while
/// keeping its spectral envelope, hence its vowels and its formants. Each pitch period of the input is cut out
/// with a two-period Hann window around its pulse and laid down again at the spacing of the target pitch;
/// unvoiced sound (consonants) is carried through at its own spacing.
/// </summary>
public static class Psola
{
    /// <summary>An analysis mark: a pulse of the input (voiced) or a fixed-hop frame (unvoiced).</summary>
    public readonly record struct Mark(int Position, int Period, bool Voiced);

    /// <summary>
    /// Finds the pulses of <paramref name="x"/>. <paramref name="expectedHz"/> gives the pitch the synthesiser was
    /// asked for at an input time (seconds); the search stays within ±35% of it, so octave errors cannot happen.
    /// </summary>
    public static List<Mark> Analyze(float[] x, int sampleRate, Func<double, double> expectedHz)
    {
        int hop = sampleRate / 200;
        double peak = 0;
        for (int c = 0; c + hop <= x.Length; c += hop) peak = Math.Max(peak, Rms(x, c, hop));
        double floor = peak * 0.02; // −34 dB under the loudest 5 ms

        // Frame-wise voicing and period.
        int frames = Math.Max(0, x.Length / hop);
        var period = new int[frames];
        var scores = new double[sampleRate / 40 + 2];
        for (int f = 0; f < frames; f++)
        {
            int center = f * hop + hop / 2;
            double t0 = sampleRate / Math.Clamp(expectedHz(center / (double)sampleRate), 40, 1200);
            int lo = (int)(t0 * 0.65), hi = (int)Math.Ceiling(t0 * 1.35);
            int from = center - hi, len = hi;
            if (from < 0 || from + len + hi > x.Length || Rms(x, center - hop, 2 * hop) < floor) continue;
            var r = scores.AsSpan(0, hi - lo + 1);
            NccfLags(x, from, len, lo, r);
            double best = 0; int bestLag = 0;
            for (int lag = lo; lag <= hi; lag++)
                if (r[lag - lo] > best) { best = r[lag - lo]; bestLag = lag; }
            if (best > 0.6) period[f] = bestLag;
        }

        var marks = new List<Mark>();
        int pos = 0;
        while (pos < x.Length)
        {
            int f = Math.Min(frames - 1, pos / hop);
            int p = f >= 0 && f < frames ? period[f] : 0;
            if (p == 0)
            {
                marks.Add(new Mark(pos, hop, false));
                pos += hop;
                continue;
            }
            // Snap a voiced mark to the strongest peak within a quarter period, so grains stay pulse-centred.
            int snap = pos, lo2 = Math.Max(0, pos - p / 4), hi2 = Math.Min(x.Length - 1, pos + p / 4);
            for (int i = lo2; i <= hi2; i++) if (x[i] > x[snap]) snap = i;
            if (marks.Count > 0 && snap <= marks[^1].Position) snap = marks[^1].Position + p;
            marks.Add(new Mark(snap, p, true));
            pos = snap + p;
        }
        return marks;
    }

    /// <summary>
    /// Re-synthesises <paramref name="x"/> as <paramref name="outLength"/> samples: output sample s takes the sound
    /// at input sample <paramref name="outToIn"/>(s), voiced sound at <paramref name="targetHz"/>(s / rate).
    /// </summary>
    public static float[] Render(float[] x, int sampleRate, IReadOnlyList<Mark> marks, int outLength,
        Func<double, double> outToIn, Func<double, double> targetHz)
    {
        var y = new float[outLength];
        if (marks.Count == 0) return y;
        var positions = marks.Select(m => m.Position).ToArray();
        double s = 0;
        while (s < outLength)
        {
            double tin = outToIn(s);
            int k = Array.BinarySearch(positions, (int)Math.Round(tin));
            if (k < 0)
            {
                k = ~k;
                if (k >= positions.Length || (k > 0 && tin - positions[k - 1] < positions[k] - tin)) k--;
            }
            var mark = marks[k];
            int at = (int)Math.Round(s);
            AddGrain(x, mark.Position, mark.Period, y, at);
            s += mark.Voiced ? sampleRate / Math.Clamp(targetHz(s / sampleRate), 40, 1500) : mark.Period;
        }
        return y;
    }

    // Called millions of times a song: optimized from its first call, as Resampler.Four is.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddGrain(float[] x, int center, int half, float[] y, int at)
    {
        if (half <= 0) return;
        var w = Window(half);
        // The grain's samples that are inside both signals.
        int from = Math.Max(-half + 1, Math.Max(-center, -at));
        int to = Math.Min(half - 1, Math.Min(x.Length - 1 - center, y.Length - 1 - at));
        for (int i = from; i <= to; i++) y[at + i] += (float)(x[center + i] * w[i + half - 1]);
    }

    /// <summary>The longest grain whose window is kept (a half of 2048 samples is a 21.5 Hz period at 44.1 kHz).</summary>
    private const int MaxKeptHalf = 2048;

    private static readonly double[]?[] Windows = new double[MaxKeptHalf + 1][];

    /// <summary>
    /// The Hann window of a grain of half-length <paramref name="half"/>, at offsets −half+1 … half−1. A grain's window
    /// depends on its half-length alone, so each is computed once per process instead of a cosine per sample (2.3% of a
    /// song's CPU): the same expression, so the same values to the bit. Two threads may both compute a missing one;
    /// they compute the same.
    /// </summary>
    private static double[] Window(int half)
    {
        if (half <= MaxKeptHalf && Volatile.Read(ref Windows[half]) is { } kept) return kept;
        var w = new double[2 * half - 1];
        for (int i = -half + 1; i < half; i++) w[i + half - 1] = 0.5 + 0.5 * Math.Cos(Math.PI * i / half);
        if (half <= MaxKeptHalf) Volatile.Write(ref Windows[half], w);
        return w;
    }

    private static double Rms(float[] x, int from, int length)
    {
        double e = 0; int n = 0;
        for (int i = Math.Max(0, from); i < Math.Min(x.Length, from + length); i++) { e += x[i] * (double)x[i]; n++; }
        return n == 0 ? 0 : Math.Sqrt(e / n);
    }

    /// <summary>
    /// <see cref="Nccf"/> at every lag from <paramref name="lo"/> on, one per element of <paramref name="r"/>, to the bit:
    /// the window's own energy is summed once, and eight lags are summed side by side, one per vector lane, each
    /// lane adding its products in the same order as <see cref="Nccf"/> does.
    /// </summary>
    internal static void NccfLags(float[] x, int from, int length, int lo, Span<double> r)
    {
        double xx = 0;
        for (int i = from; i < from + length; i++) xx += x[i] * (double)x[i];
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= r.Length; j += 8)
            {
                var xy0 = Vector256<double>.Zero; var yy0 = xy0; var xy1 = xy0; var yy1 = xy0;
                ref float b = ref MemoryMarshal.GetArrayDataReference(x);
                _ = x[from + length - 1 + lo + j + 7]; // the last sample read, checked once
                for (int i = from; i < from + length; i++)
                {
                    var a = Vector256.Create((double)x[i]);
                    var (b0, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref b, (nuint)(i + lo + j)));
                    xy0 += a * b0; yy0 += b0 * b0;
                    xy1 += a * b1; yy1 += b1 * b1;
                }
                for (int k = 0; k < 4; k++)
                {
                    r[j + k] = Score(xy0.GetElement(k), xx, yy0.GetElement(k));
                    r[j + 4 + k] = Score(xy1.GetElement(k), xx, yy1.GetElement(k));
                }
            }
        for (; j < r.Length; j++) r[j] = Nccf(x, from, length, lo + j);
    }

    private static double Score(double xy, double xx, double yy) => xx <= 0 || yy <= 0 ? 0 : xy / Math.Sqrt(xx * yy);

    /// <summary>Normalised cross-correlation of a window with itself <paramref name="lag"/> samples later.</summary>
    internal static double Nccf(float[] x, int from, int length, int lag)
    {
        double xy = 0, xx = 0, yy = 0;
        for (int i = from; i < from + length; i++)
        {
            double a = x[i], b = x[i + lag];
            xy += a * b; xx += a * a; yy += b * b;
        }
        return Score(xy, xx, yy);
    }
}
