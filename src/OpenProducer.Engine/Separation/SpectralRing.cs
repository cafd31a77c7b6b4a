using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Separation;

/// <summary>
/// The STFT of a stereo recording, kept for a sliding range of frames only: frame f lives in slot f mod capacity,
/// so memory is bounded by the search window, not by the recording's length. Both channels go through one complex
/// FFT (left as the real part, right as the imaginary part) and are told apart by the spectrum's symmetry.
/// </summary>
internal sealed class SpectralRing
{
    private readonly AudioBuffer _audio;
    private readonly Fft _fft;
    private readonly float[] _window;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly int[] _bandOf;
    private readonly float _centreFloor;
    private readonly double _centrePower;

    public SpectralRing(AudioBuffer audio, int size, int capacity, int bands, float centreFloor, double centrePower)
    {
        _centreFloor = centreFloor;
        _centrePower = centrePower;
        _audio = audio;
        Size = size;
        Hop = size / 4;
        Bins = size / 2 + 1;
        Capacity = capacity;
        Bands = bands;
        Frames = (audio.Frames + size - Hop + Hop - 1) / Hop;
        _fft = new Fft(size);
        _window = new float[size];
        // Square-root periodic Hann on analysis and synthesis: the product is Hann, which sums to 2 at a quarter hop.
        for (int i = 0; i < size; i++) _window[i] = (float)Math.Sqrt(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / size));
        _re = new float[size];
        _im = new float[size];
        LeftRe = new float[capacity * Bins];
        LeftIm = new float[capacity * Bins];
        RightRe = new float[capacity * Bins];
        RightIm = new float[capacity * Bins];
        Magnitude = new float[capacity * Bins];
        Centre = new float[capacity * Bins];
        Feature = new float[capacity * bands];
        _bandOf = BandMap(Bins, bands, audio.SampleRate, size);
    }

    public int Size { get; }
    public int Hop { get; }
    public int Bins { get; }
    public int Capacity { get; }
    public int Bands { get; }
    /// <summary>Frames covering the recording; frame f starts at f·hop − (size − hop), so every sample is in four.</summary>
    public int Frames { get; }
    public float[] LeftRe { get; }
    public float[] LeftIm { get; }
    public float[] RightRe { get; }
    public float[] RightIm { get; }
    /// <summary>Per bin, the root mean square of the two channels' magnitudes.</summary>
    public float[] Magnitude { get; }
    /// <summary>Per bin, how centred it is: 0 at or below the coherence floor, 1 when both channels are the same.</summary>
    public float[] Centre { get; }
    /// <summary>Per frame, band magnitudes scaled to unit length (cosine similarity is a dot product).</summary>
    public float[] Feature { get; }

    /// <summary>Frames are described by their off-centre part only, where the accompaniment is and the voice is not.</summary>
    public bool SideFeature { get; init; }

    public int Slot(int frame) => frame % Capacity;
    public int Start(int frame) => frame * Hop - (Size - Hop);

    /// <summary>Bin k's band in the frame description: log-spaced from 60 Hz; −1 below.</summary>
    private static int[] BandMap(int bins, int bands, int rate, int size)
    {
        var map = new int[bins];
        double lo = Math.Log(60), hi = Math.Log(rate / 2.0);
        for (int k = 0; k < bins; k++)
        {
            double hz = k * (double)rate / size;
            map[k] = hz < 60 ? -1 : Math.Min(bands - 1, (int)((Math.Log(hz) - lo) / (hi - lo) * bands));
        }
        return map;
    }

    public void Analyse(int frame)
    {
        int n = Size, start = Start(frame), len = _audio.Frames;
        var l = _audio.Left;
        var r = _audio.Right;
        for (int i = 0; i < n; i++)
        {
            int t = start + i;
            bool inside = (uint)t < (uint)len;
            _re[i] = inside ? l[t] * _window[i] : 0f;
            _im[i] = inside ? r[t] * _window[i] : 0f;
        }
        _fft.Transform(_re, _im, inverse: false);
        int o = Slot(frame) * Bins;
        var feature = Feature.AsSpan(Slot(frame) * Bands, Bands);
        feature.Clear();
        for (int k = 0; k < Bins; k++)
        {
            int m = (n - k) & (n - 1);
            float ar = _re[k], ai = _im[k], br = _re[m], bi = _im[m];
            float lr = 0.5f * (ar + br), li = 0.5f * (ai - bi);
            float rr = 0.5f * (ai + bi), ri = -0.5f * (ar - br);
            LeftRe[o + k] = lr; LeftIm[o + k] = li;
            RightRe[o + k] = rr; RightIm[o + k] = ri;
            float power = 0.5f * (lr * lr + li * li + rr * rr + ri * ri);
            Magnitude[o + k] = MathF.Sqrt(power);
            float coherence = power > 0 ? (lr * rr + li * ri) / power : 0;
            float centre = Math.Clamp((coherence - _centreFloor) / (1 - _centreFloor), 0f, 1f);
            Centre[o + k] = _centrePower == 1 ? centre : (float)Math.Pow(centre, _centrePower);
            int band = _bandOf[k];
            if (band >= 0) feature[band] += SideFeature ? power * (1 - Centre[o + k]) : power;
        }
        float norm = 0;
        for (int b = 0; b < feature.Length; b++)
        {
            feature[b] = MathF.Sqrt(MathF.Sqrt(feature[b]));
            norm += feature[b] * feature[b];
        }
        if (norm > 0)
        {
            float scale = 1f / MathF.Sqrt(norm);
            for (int b = 0; b < feature.Length; b++) feature[b] *= scale;
        }
    }

    /// <summary>
    /// Inverse transform of a frame's masked spectrum (the mask applied to both channels), windowed and added into
    /// <paramref name="into"/>.
    /// </summary>
    public void Synthesise(int frame, ReadOnlySpan<float> mask, AudioBuffer into)
    {
        int n = Size, o = Slot(frame) * Bins;
        for (int k = 0; k < Bins; k++)
        {
            float g = mask[k];
            float lr = g * LeftRe[o + k], li = g * LeftIm[o + k], rr = g * RightRe[o + k], ri = g * RightIm[o + k];
            _re[k] = lr - ri;
            _im[k] = li + rr;
            if (k > 0 && k < n / 2)
            {
                _re[n - k] = lr + ri;
                _im[n - k] = rr - li;
            }
        }
        _fft.Transform(_re, _im, inverse: true);
        int start = Start(frame), len = into.Frames;
        var l = into.Left;
        var r = into.Right;
        for (int i = 0; i < n; i++)
        {
            int t = start + i;
            if ((uint)t >= (uint)len) continue;
            float w = 0.5f * _window[i];
            l[t] += _re[i] * w;
            r[t] += _im[i] * w;
        }
    }
}
