namespace OpenProducer.Tests.Support;

/// <summary>
/// An independent key estimate: a harmonic pitch-class profile from short-time spectra (Hann window, radix-2
/// FFT, peaks folded back over four harmonics), averaged over the song and correlated with the 24 rotated
/// Krumhansl–Kessler profiles. Shares nothing with the engine.
/// </summary>
public static class KeyEstimator
{
    private static readonly double[] Major = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] Minor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
    private static readonly string[] Names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public static (int Root, bool Minor) Estimate(float[] samples, int sampleRate = 44100)
    {
        var chroma = Chroma(samples, sampleRate);
        double best = double.NegativeInfinity;
        (int, bool) key = (0, false);
        for (int root = 0; root < 12; root++)
        {
            foreach (bool minor in new[] { false, true })
            {
                var profile = minor ? Minor : Major;
                double r = Correlation(chroma, Enumerable.Range(0, 12).Select(i => profile[(i - root + 12) % 12]).ToArray());
                if (r > best) { best = r; key = (root, minor); }
            }
        }
        return key;
    }

    public static string Name((int Root, bool Minor) key) => $"{Names[key.Root]} {(key.Minor ? "minor" : "major")}";

    /// <summary>True when the keys are the same or relative (C major / A minor).</summary>
    public static bool SameOrRelative((int Root, bool Minor) a, (int Root, bool Minor) b)
    {
        if (a == b) return true;
        if (a.Minor == b.Minor) return false;
        var (major, minor) = a.Minor ? (b, a) : (a, b);
        return (major.Root + 9) % 12 == minor.Root;
    }

    public static (int Root, bool Minor) Parse(string key)
    {
        var parts = key.Split(' ');
        return (Array.IndexOf(Names, parts[0]), parts[1] == "minor");
    }

    private static double[] Chroma(float[] x, int sampleRate)
    {
        const int n = 8192, hop = 4096;
        var chroma = new double[12];
        var re = new double[n];
        var im = new double[n];
        for (int start = 0; start + n <= x.Length; start += hop)
        {
            for (int i = 0; i < n; i++)
            {
                re[i] = x[start + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1)));
                im[i] = 0;
            }
            Fft(re, im);
            var mag = new double[n / 2];
            for (int k = 0; k < n / 2; k++) mag[k] = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
            double floor = mag.Max() * 0.01;
            for (int k = 2; k < n / 2 - 1; k++)
            {
                // HPCP-style (Gómez 2006): spectral peaks only, each also credited to the pitches it could be
                // the 2nd–4th harmonic of. A plain magnitude chroma hears every note's 3rd harmonic as its fifth
                // and so confuses a key with its dominant.
                if (mag[k] < floor || mag[k] < mag[k - 1] || mag[k] < mag[k + 1]) continue;
                double f = k * (double)sampleRate / n;
                if (f < 100 || f > 5000) continue;
                double weight = 1;
                for (int h = 1; h <= 4; h++, weight *= 0.6)
                {
                    double fh = f / h;
                    if (fh < 50) break;
                    int pc = ((int)Math.Round(69 + 12 * Math.Log2(fh / 440)) % 12 + 12) % 12;
                    chroma[pc] += weight * mag[k];
                }
            }
        }
        return chroma;
    }

    internal static void Fft(double[] re, double[] im)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) { (re[i], re[j]) = (re[j], re[i]); (im[i], im[j]) = (im[j], im[i]); }
        }
        for (int len = 2; len <= n; len <<= 1)
        {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len)
            {
                for (int k = 0; k < len / 2; k++)
                {
                    double wr = Math.Cos(ang * k), wi = Math.Sin(ang * k);
                    int a = i + k, b = i + k + len / 2;
                    double tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr; im[b] = im[a] - ti;
                    re[a] += tr; im[a] += ti;
                }
            }
        }
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), num = 0, da = 0, db = 0;
        for (int i = 0; i < a.Length; i++)
        {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return num / Math.Sqrt(da * db + 1e-12);
    }
}
