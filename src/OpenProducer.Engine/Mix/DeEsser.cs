using System.Runtime.Intrinsics;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// A split-band de-esser: the band above <see cref="SplitHz"/> is taken out with a high-pass, turned down only
/// while it dominates the voice (an "s", "sh" or "t" burst), and added back. With no reduction the two bands
/// sum to the input exactly, so vowels pass untouched.
/// </summary>
public static class DeEsser
{
    public const double SplitHz = 4500;

    /// <param name="share">The most the sibilant band may carry of the voice's envelope before it is turned down.</param>
    /// <param name="maxCutDb">The deepest cut.</param>
    public static void Apply(float[] x, int sampleRate, double share = 0.3, double maxCutDb = 12)
    {
        // Block by block (the filter and the followers stream): no song-length copy of the band is held.
        var high = new float[Math.Min(Block, x.Length)];
        var hp = Biquad.HighPass(SplitHz, 0.707, sampleRate);
        var highFollower = new EnvelopeFollower(1, 40, sampleRate);
        var allFollower = new EnvelopeFollower(1, 40, sampleRate);
        double floor = Math.Pow(10, -maxCutDb / 20);
        for (int from = 0; from < x.Length; from += high.Length)
        {
            int n = Math.Min(high.Length, x.Length - from);
            var block = x.AsSpan(from, n);
            block.CopyTo(high);
            hp.Process(high.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                var v = Widened.Pair(high[i], block[i]);
                double envHigh = highFollower.Next(v.ToScalar()), envAll = allFollower.Next(v.GetElement(1));
                double gain = envHigh > share * envAll && envHigh > 1e-6 ? Math.Max(floor, share * envAll / envHigh) : 1;
                block[i] += (float)((gain - 1) * high[i]);
            }
        }
    }

    private const int Block = 1 << 14;
}
