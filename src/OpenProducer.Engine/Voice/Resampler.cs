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
        var table = Table();
        System.Threading.Tasks.Parallel.For(0, (outLength + 4095) / 4096, block =>
        {
            int end = Math.Min(outLength, (block + 1) * 4096);
            for (int n = block * 4096; n < end; n++)
            {
                double t = n / ratio;
                int first = (int)Math.Ceiling(t - halfWidth), last = (int)Math.Floor(t + halfWidth);
                double acc = 0;
                for (int k = Math.Max(0, first); k <= Math.Min(x.Length - 1, last); k++)
                {
                    double v = Math.Abs(k - t) * cutoff * Steps;
                    int i = (int)v;
                    if (i >= table.Length - 1) continue;
                    double frac = v - i;
                    acc += x[k] * (table[i] + (table[i + 1] - table[i]) * frac);
                }
                y[n] = (float)(acc * cutoff);
            }
        });
        return y;
    }

    private const int Steps = 512;
    private static double[]? table;

    /// <summary>The windowed sinc at 1/512 of a zero crossing, from 0 to the last crossing.</summary>
    private static double[] Table() => table ??= Enumerable.Range(0, ZeroCrossings * Steps + 2).Select(i =>
    {
        double v = i / (double)Steps;
        if (v > ZeroCrossings) return 0.0;
        double sinc = i == 0 ? 1 : Math.Sin(Math.PI * v) / (Math.PI * v);
        double w = 0.42 + 0.5 * Math.Cos(Math.PI * v / ZeroCrossings) + 0.08 * Math.Cos(2 * Math.PI * v / ZeroCrossings);
        return sinc * w;
    }).ToArray();
}
