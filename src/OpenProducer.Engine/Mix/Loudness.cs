using System.Runtime.Intrinsics;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>ITU-R BS.1770-4 integrated loudness (LUFS) and true peak (dBTP, 4× oversampled).</summary>
public static class Loudness
{
    public static double Integrated(AudioBuffer audio)
    {
        int hop = Hop(audio.SampleRate);
        if (audio.Frames < 4 * hop) return double.NegativeInfinity;
        var left = new double[audio.Frames / hop];
        var right = new double[left.Length];
        new KWeighted(audio.SampleRate).Hops(audio.Left, audio.Right, left, right, 0, left.Length);
        return Integrated(left, right, hop);
    }

    /// <summary>
    /// The integrated loudness of audio that <paramref name="written"/> says is being written front to back, K-weighted
    /// as far as the writer has got, so the measure ends soon after the writing does. The same hops and the same
    /// arithmetic, so the same value as <see cref="Integrated(AudioBuffer)"/>.
    /// </summary>
    internal static double Integrated(AudioBuffer audio, FramesWritten written)
    {
        int hop = Hop(audio.SampleRate), hops = audio.Frames / hop;
        var left = new double[hops];
        var right = new double[hops];
        var weighted = new KWeighted(audio.SampleRate);
        for (int h = 0; h < hops;)
        {
            int ready = Math.Min(hops, written.WaitFor((h + 1) * hop) / hop);
            if (ready <= h) throw new OperationCanceledException("the audio was not written to its end");
            weighted.Hops(audio.Left, audio.Right, left, right, h, ready);
            h = ready;
        }
        return hops < 4 ? double.NegativeInfinity : Integrated(left, right, hop);
    }

    /// <summary>The integrated loudness from each channel's hop energies (see <see cref="KWeighted"/>); <paramref name="left"/> is summed into.</summary>
    private static double Integrated(double[] left, double[] right, int hop)
    {
        for (int h = 0; h < left.Length; h++) left[h] += right[h];
        return Gated(left, 4 * hop);
    }

    /// <summary>
    /// BS.1770's K-weighting of a stereo signal, summing each channel's weighted squares hop by hop. The two channels
    /// are weighted side by side, one per vector lane, each with the same arithmetic in the same order as a filter of
    /// its own: the recursions wait on their own last outputs, so two in one loop cost hardly more than one. The
    /// filters keep their state between calls, so a signal may be weighted a stretch at a time.
    /// </summary>
    internal sealed class KWeighted(int sampleRate)
    {
        private readonly int _hop = Hop(sampleRate);
        private readonly (Biquad Shelf, Biquad HighPass) _filters = KWeighting(sampleRate);
        private Vector128<double> _sx1, _sx2, _sy1, _sy2, _hx1, _hx2, _hy1, _hy2;

        /// <summary>Hops [<paramref name="from"/>, <paramref name="to"/>) into the hop energies, continuing from the last hop weighted.</summary>
        public void Hops(float[] left, float[] right, double[] hopLeft, double[] hopRight, int from, int to)
        {
            if (to <= from) return;
            var (sb0, sb1, sb2, sa1, sa2) = Biquad.Lanes(_filters.Shelf, _filters.Shelf);
            var (hb0, hb1, hb2, ha1, ha2) = Biquad.Lanes(_filters.HighPass, _filters.HighPass);
            Vector128<double> sx1 = _sx1, sx2 = _sx2, sy1 = _sy1, sy2 = _sy2, hx1 = _hx1, hx2 = _hx2, hy1 = _hy1, hy2 = _hy2;
            int hop = _hop;
            _ = left[to * hop - 1];
            _ = right[to * hop - 1];
            for (int h = from; h < to; h++)
            {
                var sum = Vector128<double>.Zero;
                for (int i = h * hop; i < (h + 1) * hop; i++)
                {
                    var x = Widened.Pair(left[i], right[i]);
                    var s = Biquad.Step(x, sb0, sb1, sb2, sa1, sa2, sx1, sx2, sy1, sy2);
                    sx2 = sx1; sx1 = x; sy2 = sy1; sy1 = s;
                    var y = Biquad.Step(s, hb0, hb1, hb2, ha1, ha2, hx1, hx2, hy1, hy2);
                    hx2 = hx1; hx1 = s; hy2 = hy1; hy1 = y;
                    sum += y * y;
                }
                hopLeft[h] = sum.GetElement(0);
                hopRight[h] = sum.GetElement(1);
            }
            (_sx1, _sx2, _sy1, _sy2, _hx1, _hx2, _hy1, _hy2) = (sx1, sx2, sy1, sy2, hx1, hx2, hy1, hy2);
        }
    }

    /// <summary>The 100 ms hop the gating blocks (400 ms, four hops) step by.</summary>
    internal static int Hop(int sampleRate) => (int)(0.1 * sampleRate);

    /// <summary>BS.1770's K-weighting for one channel: a high shelf, then a high-pass.</summary>
    internal static (Biquad Shelf, Biquad HighPass) KWeighting(int fs) =>
        (Biquad.HighShelf(1681.974450955533, 0.7071752369554196, 3.999843853973347, fs), Biquad.HighPass(38.13547087602444, 0.5003270373238773, fs));

    /// <summary>BS.1770's two gates over hop energies (sums of K-weighted squares, both channels) with blocks of four hops.</summary>
    internal static double Gated(double[] hopEnergy, int block)
    {
        int blocks = hopEnergy.Length - 3;
        if (blocks <= 0) return double.NegativeInfinity;
        var z = new double[blocks];
        for (int b = 0; b < blocks; b++) z[b] = (hopEnergy[b] + hopEnergy[b + 1] + hopEnergy[b + 2] + hopEnergy[b + 3]) / block;
        static double Lufs(double meanSquare) => -0.691 + 10 * Math.Log10(meanSquare);
        var aboveAbsolute = z.Where(v => v > 0 && Lufs(v) > -70).ToArray();
        if (aboveAbsolute.Length == 0) return double.NegativeInfinity;
        double relativeGate = Lufs(aboveAbsolute.Average()) - 10;
        var gated = aboveAbsolute.Where(v => Lufs(v) > relativeGate).ToArray();
        return Lufs(gated.Average());
    }

    /// <summary>
    /// The highest inter-sample peak, from the 4× windowed-sinc interpolator the limiter uses, in dBTP. Every
    /// position is interpolated: a shortcut that looked only next to loud samples missed a flamenco song's transient beside a
    /// near-zero sample and read a delivered file 0.6 dB under what ffmpeg's ebur128 (and an exact 8× resampling) found.
    /// </summary>
    public static double TruePeakDb(AudioBuffer audio) => 20 * Math.Log10(Math.Max(Mix.TruePeak.Max(audio), 1e-12));

    /// <summary>The highest inter-sample peak of frames [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>), in dBTP.</summary>
    public static double TruePeakDb(AudioBuffer audio, int from, int count) => 20 * Math.Log10(Math.Max(Mix.TruePeak.Max(audio, from, count), 1e-12));
}
