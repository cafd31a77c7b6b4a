namespace OpenProducer.Engine.Separation;

/// <summary>In-place radix-2 complex FFT on split real and imaginary float arrays; tables made once per size.</summary>
internal sealed class Fft
{
    private readonly int _n;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int[] _reverse;

    public Fft(int n)
    {
        if (n < 2 || (n & (n - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(n), "the size must be a power of two");
        _n = n;
        _cos = new float[n / 2];
        _sin = new float[n / 2];
        for (int i = 0; i < n / 2; i++)
        {
            double phase = -2 * Math.PI * i / n;
            _cos[i] = (float)Math.Cos(phase);
            _sin[i] = (float)Math.Sin(phase);
        }
        _reverse = new int[n];
        int bits = System.Numerics.BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _reverse[i] = r;
        }
    }

    public int Size => _n;

    /// <summary>Forward transform (e^-i), unscaled; with <paramref name="inverse"/>, e^+i and scaled by 1/n.</summary>
    public void Transform(Span<float> re, Span<float> im, bool inverse)
    {
        int n = _n;
        for (int i = 0; i < n; i++)
        {
            int j = _reverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        float sign = inverse ? -1f : 1f;
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1, step = n / size;
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0, t = 0; k < half; k++, t += step)
                {
                    float wr = _cos[t], wi = sign * _sin[t];
                    int a = start + k, b = a + half;
                    float xr = re[b] * wr - im[b] * wi;
                    float xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
        if (inverse)
        {
            float scale = 1f / n;
            for (int i = 0; i < n; i++) { re[i] *= scale; im[i] *= scale; }
        }
    }
}
