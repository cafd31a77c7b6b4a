using System.Numerics;
using System.Runtime.InteropServices;
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
        var env = new float[audio.Frames];
        // Long audio in two halves on two cores, split on a tile boundary: the same tiles, so the same values.
        int half = audio.Frames / 2 / Tile * Tile;
        if (audio.Seconds >= Cores.SplitSeconds && half > 0)
            Cores.Both(() => Envelope(audio, 0, half, env.AsSpan(0, half)), () => Envelope(audio, half, audio.Frames - half, env.AsSpan(half)));
        else Envelope(audio, 0, audio.Frames, env);
        return env;
    }

    /// <summary>
    /// The largest value of <see cref="Envelope(AudioBuffer)"/>, made a stretch at a time (on two cores for long audio),
    /// so no song-length envelope is held.
    /// </summary>
    public static float Max(AudioBuffer audio) => Max(audio, 0, audio.Frames);

    /// <summary>The largest true-peak magnitude of frames [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) (clipped to the audio).</summary>
    public static float Max(AudioBuffer audio, int from, int count)
    {
        from = Math.Clamp(from, 0, audio.Frames);
        count = Math.Clamp(count, 0, audio.Frames - from);
        float Part(int start, int frames)
        {
            var env = new float[Math.Min(Stretch, Math.Max(frames, 1))];
            float max = 0;
            for (int at = 0; at < frames; at += env.Length)
            {
                int n = Math.Min(env.Length, frames - at);
                var e = env.AsSpan(0, n);
                e.Clear();
                Envelope(audio, start + at, n, e);
                foreach (float v in e) if (v > max) max = v;
            }
            return max;
        }
        int half = count / 2 / Tile * Tile;
        if (count < Cores.SplitSeconds * audio.SampleRate || half == 0) return Part(from, count);
        float a = 0, b = 0;
        Cores.Both(() => a = Part(from, half), () => b = Part(from + half, count - half));
        return Math.Max(a, b);
    }

    /// <summary>Frames per stretch <see cref="Max(AudioBuffer, int, int)"/> measures at once (a whole number of tiles).</summary>
    private const int Stretch = 16 * Tile;

    /// <summary>Frames per tile (see <see cref="Envelope(AudioBuffer, int, int, Span{float})"/>).</summary>
    private const int Tile = 4096;

    /// <summary>
    /// The true-peak magnitude of frames [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>)
    /// into <paramref name="env"/> (raised, never lowered: it may hold an earlier part's peaks). The audio is read in
    /// tiles small enough to stay in cache, each copied with its neighbours (zeros past the ends); each group of
    /// outputs sums its taps in a register, in tap order.
    /// </summary>
    public static void Envelope(AudioBuffer audio, int from, int count, Span<float> env)
    {
        int n = audio.Frames, w = Vector<float>.Count;
        var padded = new float[Tile + Taps + w];
        var taps = new Vector<float>[Factor][];
        for (int p = 1; p < Factor; p++) taps[p] = Phases[p].Select(c => new Vector<float>(c)).ToArray();
        for (int t = 0; t < count; t += Tile)
        {
            int start = from + t, len = Math.Min(Tile, count - t);
            foreach (var channel in new[] { audio.Left, audio.Right })
            {
                // padded[j] = channel[start - (HalfTaps - 1) + j], zero outside the audio.
                Array.Clear(padded);
                int lo = start - (HalfTaps - 1), first = Math.Max(0, lo), last = Math.Min(n, start + len + HalfTaps);
                if (last > first) channel.AsSpan(first, last - first).CopyTo(padded.AsSpan(first - lo));
                var e = env.Slice(t, len);
                for (int i = 0; i < len; i++) e[i] = Math.Max(e[i], Math.Abs(channel[start + i]));
                for (int p = 1; p < Factor; p++) Interpolate(padded, taps[p], Phases[p], e);
            }
        }
    }

    /// <summary>
    /// e[i] = max(e[i], |Σ_k x[i + k]·h[k]|) for every i of <paramref name="e"/>, taps summed in order. Four groups
    /// of outputs are summed at once: one group's sum is a chain of dependent adds that keeps the processor waiting,
    /// four independent chains keep it busy. Each output's sum is the same either way.
    /// </summary>
    private static void Interpolate(float[] x, Vector<float>[] hv, float[] h, Span<float> e)
    {
        int w = Vector<float>.Count, i = 0;
        ref float src = ref MemoryMarshal.GetArrayDataReference(x);
        ref float dst = ref MemoryMarshal.GetReference(e);
        for (; i + 4 * w <= e.Length; i += 4 * w)
        {
            Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
            for (int k = 0; k < hv.Length; k++)
            {
                var c = hv[k];
                nuint at = (nuint)(i + k), step = (nuint)w;
                s0 += Vector.LoadUnsafe(ref src, at) * c;
                s1 += Vector.LoadUnsafe(ref src, at + step) * c;
                s2 += Vector.LoadUnsafe(ref src, at + 2 * step) * c;
                s3 += Vector.LoadUnsafe(ref src, at + 3 * step) * c;
            }
            Vector.Max(Vector.LoadUnsafe(ref dst, (nuint)i), Vector.Abs(s0)).StoreUnsafe(ref dst, (nuint)i);
            Vector.Max(Vector.LoadUnsafe(ref dst, (nuint)(i + w)), Vector.Abs(s1)).StoreUnsafe(ref dst, (nuint)(i + w));
            Vector.Max(Vector.LoadUnsafe(ref dst, (nuint)(i + 2 * w)), Vector.Abs(s2)).StoreUnsafe(ref dst, (nuint)(i + 2 * w));
            Vector.Max(Vector.LoadUnsafe(ref dst, (nuint)(i + 3 * w)), Vector.Abs(s3)).StoreUnsafe(ref dst, (nuint)(i + 3 * w));
        }
        for (; i + w <= e.Length; i += w)
        {
            var sum = Vector<float>.Zero;
            for (int k = 0; k < hv.Length; k++) sum += Vector.LoadUnsafe(ref src, (nuint)(i + k)) * hv[k];
            Vector.Max(Vector.LoadUnsafe(ref dst, (nuint)i), Vector.Abs(sum)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < e.Length; i++)
        {
            float sum = 0;
            for (int k = 0; k < h.Length; k++) sum += x[i + k] * h[k];
            e[i] = Math.Max(e[i], Math.Abs(sum));
        }
    }
}
