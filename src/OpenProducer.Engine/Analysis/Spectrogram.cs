using NWaves.Operations;
using NWaves.Signals;
using NWaves.Transforms;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Analysis;

/// <summary>
/// A recording as the analysis hears it: mono at <see cref="Rate"/>, the centre of its stereo image and what is read
/// off it frame by frame (chroma, bass chroma, timbre bands, onset strength by band, loudness).
/// </summary>
internal sealed class Spectrogram
{
    public const int Rate = 22050;
    public const int Size = 4096;
    public const int Hop = 512;
    public const double BinHz = (double)Rate / Size;

    public float[] Mono { get; }
    /// <summary>
    /// Magnitudes of what sits in the centre of the stereo image (where a lead voice is mixed): each bin of the mono
    /// sum weighted by how alike the two channels are there, so panned parts and decorrelated reverb fall away.
    /// </summary>
    public float[][] Centre { get; }
    /// <summary>Bins kept of <see cref="Centre"/>: up to 5 kHz, as far as a melody's partials are followed.</summary>
    public const int CentreBins = (int)(5000 / BinHz) + 2;
    public double[][] Chroma { get; }
    public double[][] BassChroma { get; }
    /// <summary>Log energy in <see cref="BandEdges"/> bands per frame.</summary>
    public double[][] Bands { get; }
    /// <summary>Half-wave rectified log-spectral flux per frame in three bands: low (&lt;200 Hz), mid, high (&gt;2 kHz).</summary>
    public double[][] Flux { get; }
    public double[] LevelDb { get; }
    /// <summary>Share of the 300–3000 Hz energy that sits in the centre: high where a lead voice sings over a spread band.</summary>
    public double[] CentreShare { get; }

    public int Frames => Centre.Length;
    public static double TimeOf(int frame) => frame * (double)Hop / Rate;
    public static int FrameAt(double seconds) => (int)Math.Round(seconds * Rate / Hop);

    public static readonly double[] BandEdges = [30, 80, 150, 250, 400, 630, 1000, 1600, 2500, 4000, 6300, 11000];

    public Spectrogram(AudioBuffer audio, CancellationToken ct)
    {
        var left = Resample(audio.Left, audio.SampleRate);
        var right = Resample(audio.Right, audio.SampleRate);
        Mono = new float[left.Length];
        for (int i = 0; i < Mono.Length; i++) Mono[i] = 0.5f * (left[i] + right[i]);
        int frames = Math.Max(1, Mono.Length / Hop + 1);
        Centre = new float[frames][];
        Chroma = new double[frames][];
        BassChroma = new double[frames][];
        Bands = new double[frames][];
        Flux = new double[frames][];
        LevelDb = new double[frames];
        CentreShare = new double[frames];
        var fft = new RealFft(Size);
        var window = new float[Size];
        for (int i = 0; i < Size; i++) window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / Size));
        var (frameL, frameR) = (new float[Size], new float[Size]);
        var (reL, imL, reR, imR) = (new float[Size], new float[Size], new float[Size], new float[Size]);
        // Frame f is centred at f·Hop; only the previous frame's magnitudes are kept (for the flux).
        var (mag, previous) = (new float[Size / 2 + 1], new float[Size / 2 + 1]);
        for (int f = 0; f < frames; f++)
        {
            if ((f & 255) == 0) ct.ThrowIfCancellationRequested();
            int start = f * Hop - Size / 2;
            for (int i = 0; i < Size; i++)
            {
                int s = start + i;
                bool inside = s >= 0 && s < Mono.Length;
                frameL[i] = inside ? left[s] * window[i] : 0;
                frameR[i] = inside ? right[s] * window[i] : 0;
            }
            fft.Direct(frameL, reL, imL);
            fft.Direct(frameR, reR, imR);
            var centre = new float[CentreBins];
            for (int k = 0; k < mag.Length; k++)
            {
                double re = 0.5 * (reL[k] + reR[k]), im = 0.5 * (imL[k] + imR[k]);
                mag[k] = (float)Math.Sqrt(re * re + im * im);
                if (k >= CentreBins) continue;
                double power = reL[k] * (double)reL[k] + imL[k] * (double)imL[k] + reR[k] * (double)reR[k] + imR[k] * (double)imR[k];
                double alike = power < 1e-20 ? 0 : Math.Max(0, 2 * (reL[k] * (double)reR[k] + imL[k] * (double)imR[k]) / power);
                centre[k] = (float)(mag[k] * alike * alike * alike * alike);
            }
            Centre[f] = centre;
            (Chroma[f], BassChroma[f]) = ChromaOf(mag);
            Bands[f] = BandsOf(mag);
            LevelDb[f] = LevelOf(mag);
            CentreShare[f] = CentreShareOf(mag, centre);
            Flux[f] = f == 0 ? new double[3] : FluxOf(previous, mag);
            (mag, previous) = (previous, mag);
        }
    }

    private static double LevelOf(float[] mag)
    {
        double e = 0;
        for (int k = 1; k < mag.Length; k++) e += mag[k] * (double)mag[k];
        return 10 * Math.Log10(e / Size / Size + 1e-12);
    }

    private static double CentreShareOf(float[] mag, float[] centre)
    {
        int lo = (int)(300 / BinHz), hi = (int)(3000 / BinHz);
        double all = 0, middle = 0;
        for (int k = lo; k < hi; k++) { all += mag[k] * (double)mag[k]; middle += centre[k] * (double)centre[k]; }
        return all < 1e-12 ? 0 : middle / all;
    }

    private static float[] Resample(float[] samples, int rate)
    {
        if (rate == Rate) return samples;
        var signal = new DiscreteSignal(rate, samples, allocateNew: true);
        var resampler = new Resampler();
        return (rate == 2 * Rate ? resampler.Decimate(signal, 2) : resampler.Resample(signal, Rate)).Samples;
    }

    /// <summary>
    /// Pitch-class energy from the spectral peaks only (the flat floor between partials adds nothing), log
    /// compressed; the bass chroma keeps 40–250 Hz, the chroma 80–2000 Hz.
    /// </summary>
    private static (double[] Chroma, double[] Bass) ChromaOf(float[] mag)
    {
        var chroma = new double[12];
        var bass = new double[12];
        int lo = (int)(40 / BinHz), hi = (int)(2000 / BinHz);
        for (int k = Math.Max(2, lo); k < hi; k++)
        {
            float m = mag[k];
            if (m <= mag[k - 1] || m < mag[k + 1]) continue;
            // Parabolic interpolation of the peak's frequency.
            double a = Math.Log(mag[k - 1] + 1e-9), b = Math.Log(m + 1e-9), c = Math.Log(mag[k + 1] + 1e-9);
            double d = a - 2 * b + c;
            double offset = d < 0 ? 0.5 * (a - c) / d : 0;
            double hz = (k + offset) * BinHz;
            double midi = 69 + 12 * Math.Log2(hz / 440);
            int pc = (((int)Math.Round(midi) % 12) + 12) % 12;
            double w = Math.Log(1 + m);
            if (hz < 250) bass[pc] += w;
            if (hz >= 80) chroma[pc] += w;
        }
        return (chroma, bass);
    }

    private static double[] BandsOf(float[] mag)
    {
        var bands = new double[BandEdges.Length - 1];
        for (int b = 0; b < bands.Length; b++)
        {
            int lo = (int)(BandEdges[b] / BinHz), hi = Math.Min(mag.Length - 1, (int)(BandEdges[b + 1] / BinHz));
            double e = 0;
            for (int k = lo; k <= hi; k++) e += mag[k] * (double)mag[k];
            bands[b] = Math.Log10(e / Math.Max(1, hi - lo + 1) + 1e-6);
        }
        return bands;
    }

    private static double[] FluxOf(float[] before, float[] now)
    {
        var flux = new double[3];
        int low = (int)(200 / BinHz), mid = (int)(2000 / BinHz);
        for (int k = 1; k < now.Length; k++)
        {
            double d = Math.Log(1 + 10 * now[k]) - Math.Log(1 + 10 * before[k]);
            if (d <= 0) continue;
            flux[k < low ? 0 : k < mid ? 1 : 2] += d;
        }
        return flux;
    }

    /// <summary>The mean of a per-frame feature between two times.</summary>
    public static double[] Mean(double[][] feature, double from, double to)
    {
        int a = Math.Clamp(FrameAt(from), 0, feature.Length - 1), b = Math.Clamp(FrameAt(to), a + 1, feature.Length);
        var sum = new double[feature[0].Length];
        for (int f = a; f < b; f++)
            for (int i = 0; i < sum.Length; i++) sum[i] += feature[f][i];
        for (int i = 0; i < sum.Length; i++) sum[i] /= b - a;
        return sum;
    }

    /// <summary>The mean frame level (dB) between two times.</summary>
    public double MeanLevel(double from, double to)
    {
        int a = Math.Clamp(FrameAt(from), 0, Frames - 1), b = Math.Clamp(FrameAt(to), a + 1, Frames);
        double sum = 0;
        for (int f = a; f < b; f++) sum += LevelDb[f];
        return sum / (b - a);
    }
}
