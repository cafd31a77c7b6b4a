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
        var high = (float[])x.Clone();
        var hp = Biquad.HighPass(SplitHz, 0.707, sampleRate);
        hp.Process(high);
        var highFollower = new EnvelopeFollower(1, 40, sampleRate);
        var allFollower = new EnvelopeFollower(1, 40, sampleRate);
        double floor = Math.Pow(10, -maxCutDb / 20);
        for (int i = 0; i < x.Length; i++)
        {
            double envHigh = highFollower.Next(high[i]), envAll = allFollower.Next(x[i]);
            double gain = envHigh > share * envAll && envHigh > 1e-6 ? Math.Max(floor, share * envAll / envHigh) : 1;
            x[i] += (float)((gain - 1) * high[i]);
        }
    }
}
