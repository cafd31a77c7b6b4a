namespace OpenProducer.Engine.Mix;

/// <summary>A direct-form-I biquad (RBJ cookbook coefficients), run in double precision.</summary>
internal sealed class Biquad
{
    private readonly double _b0, _b1, _b2, _a1, _a2;
    private double _x1, _x2, _y1, _y2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    {
        _b0 = b0 / a0; _b1 = b1 / a0; _b2 = b2 / a0; _a1 = a1 / a0; _a2 = a2 / a0;
    }

    public static Biquad HighPass(double f0, double q, int fs)
    {
        double w0 = 2 * Math.PI * f0 / fs, cos = Math.Cos(w0), alpha = Math.Sin(w0) / (2 * q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad LowPass(double f0, double q, int fs)
    {
        double w0 = 2 * Math.PI * f0 / fs, cos = Math.Cos(w0), alpha = Math.Sin(w0) / (2 * q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad HighShelf(double f0, double q, double gainDb, int fs)
    {
        double a = Math.Pow(10, gainDb / 40), w0 = 2 * Math.PI * f0 / fs, cos = Math.Cos(w0);
        double alpha = Math.Sin(w0) / (2 * q), s = 2 * Math.Sqrt(a) * alpha;
        return new Biquad(
            a * ((a + 1) + (a - 1) * cos + s), -2 * a * ((a - 1) + (a + 1) * cos), a * ((a + 1) + (a - 1) * cos - s),
            (a + 1) - (a - 1) * cos + s, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - s);
    }

    public static Biquad Peaking(double f0, double q, double gainDb, int fs)
    {
        double a = Math.Pow(10, gainDb / 40), w0 = 2 * Math.PI * f0 / fs, cos = Math.Cos(w0), alpha = Math.Sin(w0) / (2 * q);
        return new Biquad(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    public double Process(double x)
    {
        double y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
        _x2 = _x1; _x1 = x; _y2 = _y1; _y1 = y;
        return y;
    }

    public void Process(Span<float> samples)
    {
        for (int i = 0; i < samples.Length; i++) samples[i] = (float)Process(samples[i]);
    }
}
