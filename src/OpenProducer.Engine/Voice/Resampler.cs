using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Band-limited resampling with a Blackman-windowed sinc (16 zero crossings each side). Reading audio made at
/// one rate as if made at a higher one is how the voice's formants are moved (see <see cref="Singer"/>).
/// </summary>
/// <remarks>
/// Polyphase: the kernel is tabulated once per cutoff at <see cref="Phases"/> fractional offsets per input sample, each
/// phase a row of the taps it puts on the input samples around an output. An output is then two dot products with the
/// rows either side of its offset, blended linearly by where it falls between them: the same linear interpolation of
/// the kernel, at the same resolution, as evaluating each tap from the kernel's table, for a fifth of the work. The
/// voice's resampling was 4 % of a sung song's CPU with the taps evaluated one by one.
/// </remarks>
public static class Resampler
{
    private const int ZeroCrossings = 16;

    /// <summary>Kernel rows per input sample (about one per 1/512 of a zero crossing, at the upsampler's cutoff).</summary>
    private const int Phases = 512;

    /// <summary>The kernel at 1/<see cref="Steps"/> of a zero crossing, from 0 to the last crossing.</summary>
    private const int Steps = 512;

    /// <summary>The banks made so far, by cutoff (the engine uses a handful); past <see cref="MaxBanks"/> a bank is made for its call alone.</summary>
    private static readonly ConcurrentDictionary<double, Bank> banks = new();

    private const int MaxBanks = 16;

    public static float[] Apply(float[] x, double fromRate, double toRate)
    {
        double ratio = toRate / fromRate;
        int outLength = (int)Math.Floor(x.Length * ratio);
        var y = new float[outLength];
        if (outLength == 0) return y;
        double cutoff = Math.Min(1.0, ratio) * 0.97; // of the input's Nyquist
        var bank = banks.TryGetValue(cutoff, out var kept) ? kept : banks.Count < MaxBanks ? banks.GetOrAdd(cutoff, c => new Bank(c)) : new Bank(cutoff);
        // The input with a kernel's reach of zeros either side: every output reads a whole row's span.
        var padded = new float[x.Length + 2 * bank.Reach + Vector256<float>.Count];
        x.CopyTo(padded, bank.Reach);
        System.Threading.Tasks.Parallel.For(0, (outLength + 4095) / 4096, Core.Cores.Loop(), block =>
        {
            int end = Math.Min(outLength, (block + 1) * 4096);
            for (int n = block * 4096; n < end; n++) y[n] = bank.At(padded, n / ratio);
        });
        return y;
    }

    /// <summary>The kernel for one cutoff as rows of taps, one row per phase (and one past the last, for the blend).</summary>
    private sealed class Bank
    {
        /// <summary>Input samples either side of an output that its taps reach.</summary>
        public readonly int Reach;
        private readonly int _width;
        private readonly float[] _rows;

        public Bank(double cutoff)
        {
            double halfWidth = ZeroCrossings / cutoff;  // in input samples
            Reach = (int)Math.Ceiling(halfWidth) + 1;
            int taps = 2 * Reach;
            _width = (taps + Vector256<float>.Count - 1) / Vector256<float>.Count * Vector256<float>.Count;
            _rows = new float[(Phases + 1) * _width];
            var table = Table();
            for (int p = 0; p <= Phases; p++)
            {
                // Tap j sits on input sample base + j - Reach + 1, where base = floor(t) and t - base = p / Phases.
                double frac = p / (double)Phases;
                for (int j = 0; j < taps; j++)
                {
                    double v = Math.Abs(j - Reach + 1 - frac) * cutoff * Steps;
                    int i = (int)v;
                    if (i >= table.Length - 1) continue;
                    _rows[p * _width + j] = (float)((table[i] + (table[i + 1] - table[i]) * (v - i)) * cutoff);
                }
            }
        }

        /// <summary>The output at input time <paramref name="t"/>, from <paramref name="padded"/> (the input after <see cref="Reach"/> zeros).</summary>
        // Called for every output sample, millions of times a song: optimized from its first call.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public float At(float[] padded, double t)
        {
            int whole = (int)t;   // t ≥ 0
            double phase = (t - whole) * Phases;
            int p = Math.Min((int)phase, Phases - 1);
            float blend = (float)(phase - p);
            ref float input = ref MemoryMarshal.GetArrayDataReference(padded);
            ref float rows = ref MemoryMarshal.GetArrayDataReference(_rows);
            // Row p's tap 0 sits on input sample whole - Reach + 1, which is padded[whole + 1].
            nuint at = (nuint)(whole + 1), row = (nuint)(p * _width);
            var a = Vector256<float>.Zero;
            var b = Vector256<float>.Zero;
            for (nuint j = 0; j < (nuint)_width; j += (nuint)Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref input, at + j);
                a += v * Vector256.LoadUnsafe(ref rows, row + j);
                b += v * Vector256.LoadUnsafe(ref rows, row + (nuint)_width + j);
            }
            float s0 = Vector256.Sum(a), s1 = Vector256.Sum(b);
            return s0 + (s1 - s0) * blend;
        }

        /// <summary>The windowed sinc from 0 to the last zero crossing, and a step past it (zero).</summary>
        private static double[] Table() => Enumerable.Range(0, ZeroCrossings * Steps + 2).Select(i =>
        {
            double v = i / (double)Steps;
            if (v > ZeroCrossings) return 0.0;
            double sinc = i == 0 ? 1 : Math.Sin(Math.PI * v) / (Math.PI * v);
            double w = 0.42 + 0.5 * Math.Cos(Math.PI * v / ZeroCrossings) + 0.08 * Math.Cos(2 * Math.PI * v / ZeroCrossings);
            return sinc * w;
        }).ToArray();
    }
}
