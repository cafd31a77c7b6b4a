namespace OpenProducer.Tests.Support;

/// <summary>
/// An independent key estimate, built the way the reference HPCP key extractor is (Gómez 2006, as Essentia's
/// KeyExtractor runs it): short-time spectra (Hann window), the strongest spectral peaks between 25 and 3500 Hz (above the reference's magnitude floor), each
/// whitened against the spectrum's level around it, credited by its energy to the pitch classes it could be the 1st to
/// 5th harmonic of, with a cosine window one semitone wide; the profile summed over the song, bins under a fifth of
/// the strongest cleared, and correlated with the 24 rotated Krumhansl–Kessler profiles. Shares nothing with the engine.
/// </summary>
public static class KeyEstimator
{
    private static readonly double[] Major = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] Minor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
    private static readonly string[] Names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private const double MinHz = 25, MaxHz = 3500, Threshold = 0.2;
    private const int MaxPeaks = 60, Harmonics = 5;
    /// <summary>The reference extractor's peak threshold (1e-4 on a 4096-point spectrum), for our 8192 points: −140 dB under full scale.</summary>
    private const double MinMagnitude = 2e-4;

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
        // 8192 points (5.4 Hz bins) so the bass's pitch classes are told apart down to the lowest strings.
        const int n = 8192, hop = 4096;
        double binHz = (double)sampleRate / n;
        var chroma = new double[12];
        var re = new double[n];
        var im = new double[n];
        var mag = new double[n / 2];
        var peaks = new List<(double Hz, double Magnitude)>();
        for (int start = 0; start + n <= x.Length; start += hop)
        {
            for (int i = 0; i < n; i++)
            {
                re[i] = x[start + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1)));
                im[i] = 0;
            }
            Fft(re, im);
            for (int k = 0; k < n / 2; k++) mag[k] = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
            // Peaks: local maxima, their frequency and level refined by a parabola through the log magnitudes.
            peaks.Clear();
            for (int k = 2; k < n / 2 - 1; k++)
            {
                if (mag[k] <= mag[k - 1] || mag[k] < mag[k + 1] || mag[k] < MinMagnitude) continue;
                double a = Math.Log(mag[k - 1] + 1e-12), b = Math.Log(mag[k]), c = Math.Log(mag[k + 1] + 1e-12);
                double curve = a - 2 * b + c, shift = curve < 0 ? 0.5 * (a - c) / curve : 0;
                double hz = (k + shift) * binHz;
                if (hz >= MinHz && hz <= MaxHz) peaks.Add((hz, Math.Exp(b - 0.25 * (a - c) * shift)));
            }
            foreach (var (hz, magnitude) in peaks.OrderByDescending(p => p.Magnitude).Take(MaxPeaks))
            {
                // Whitening: the peak against the energy-weighted level of the spectrum around it, so a key is read
                // from which notes sound, not from how bright the instruments playing them are.
                // Summed directly: prefix sums of the squared energies lose a quiet band's level to rounding next to
                // a loud bass, and the peaks there would come out whitened a million times over.
                int from = Math.Max(0, (int)((hz - Math.Max(50, 0.34 * hz)) / binHz));
                int to = Math.Min(n / 2 - 1, (int)((hz + Math.Max(50, 0.58 * hz)) / binHz) + 1);
                double sum = 0, sumSquared = 0;
                for (int k = from; k <= to; k++)
                {
                    double e = mag[k] * mag[k];
                    sum += e;
                    sumSquared += e * e;
                }
                double white = magnitude / Math.Sqrt(sumSquared / sum);
                for (int h = 1; h <= Harmonics; h++)
                {
                    // The higher harmonics' octave-wrapped positions weigh a little less (1 / max(1, semitones / 24)).
                    double weight = 1 / Math.Max(1, Math.Log2(h) / 2);
                    double pitch = 69 + 12 * Math.Log2(hz / h / 440);
                    for (int p = (int)Math.Ceiling(pitch - 0.5); p <= (int)Math.Floor(pitch + 0.5); p++)
                    {
                        double window = Math.Cos(Math.PI * Math.Abs(pitch - p));
                        if (window > 0) chroma[(p % 12 + 12) % 12] += window * white * white * weight * weight;
                    }
                }
            }
        }
        double max = chroma.Max();
        if (max > 0) for (int i = 0; i < 12; i++) chroma[i] = chroma[i] / max < Threshold ? 0 : chroma[i] / max;
        return chroma;
    }

    /// <summary>In-place radix-2 FFT (the length a power of two).</summary>
    /// <summary>The twiddle factors of an FFT of each size used, made once: a song's analysis runs thousands of frames.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (double[] Cos, double[] Sin)> Twiddles = new();

    internal static void Fft(double[] re, double[] im)
    {
        int n = re.Length;
        var (cos, sin) = Twiddles.GetOrAdd(n, size =>
        {
            var c = new double[size / 2];
            var s = new double[size / 2];
            for (int k = 0; k < size / 2; k++) (s[k], c[k]) = Math.SinCos(-2 * Math.PI * k / size);
            return (c, s);
        });
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) { (re[i], re[j]) = (re[j], re[i]); (im[i], im[j]) = (im[j], im[i]); }
        }
        for (int len = 2; len <= n; len <<= 1)
        {
            int step = n / len;
            for (int i = 0; i < n; i += len)
            {
                for (int k = 0; k < len / 2; k++)
                {
                    double wr = cos[k * step], wi = sin[k * step];
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
