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

    public static Biquad LowShelf(double f0, double q, double gainDb, int fs)
    {
        double a = Math.Pow(10, gainDb / 40), w0 = 2 * Math.PI * f0 / fs, cos = Math.Cos(w0);
        double alpha = Math.Sin(w0) / (2 * q), s = 2 * Math.Sqrt(a) * alpha;
        return new Biquad(
            a * ((a + 1) - (a - 1) * cos + s), 2 * a * ((a - 1) - (a + 1) * cos), a * ((a + 1) - (a - 1) * cos - s),
            (a + 1) + (a - 1) * cos + s, -2 * ((a - 1) + (a + 1) * cos), (a + 1) + (a - 1) * cos - s);
    }

    public static Biquad Peaking(double f0, double q, double gainDb, int fs)
    {
        double a = Math.Pow(10, gainDb / 40), w0 = 2 * Math.PI * f0 / fs, cos = Math.Cos(w0), alpha = Math.Sin(w0) / (2 * q);
        return new Biquad(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    /// <summary>The normalised coefficients (a0 = 1), for loops that run the recursion themselves.</summary>
    public (double B0, double B1, double B2, double A1, double A2) Coefficients => (_b0, _b1, _b2, _a1, _a2);

    /// <summary>Forgets the filter's past (after silence, so a part that rests starts again clean).</summary>
    public void Reset() => _x1 = _x2 = _y1 = _y2 = 0;

    public double Process(double x)
    {
        double y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
        _x2 = _x1; _x1 = x; _y2 = _y1; _y1 = y;
        return y;
    }

    /// <summary>Filters in place; the state lives in locals for the loop (the same arithmetic, several times faster).</summary>
    public void Process(Span<float> samples)
    {
        double b0 = _b0, b1 = _b1, b2 = _b2, a1 = _a1, a2 = _a2, x1 = _x1, x2 = _x2, y1 = _y1, y2 = _y2;
        for (int i = 0; i < samples.Length; i++)
        {
            double x = samples[i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1; x1 = x; y2 = y1; y1 = y;
            samples[i] = (float)y;
        }
        (_x1, _x2, _y1, _y2) = (x1, x2, y1, y2);
    }

    /// <summary>
    /// Filters two channels with two filters of the same design in one loop: the two recursions are independent, so
    /// the processor runs them side by side. The same arithmetic per channel as <see cref="Process(Span{float})"/>.
    /// </summary>
    public static void ProcessPair(Biquad left, Biquad right, Span<float> l, Span<float> r)
    {
        double b0 = left._b0, b1 = left._b1, b2 = left._b2, a1 = left._a1, a2 = left._a2;
        double c0 = right._b0, c1 = right._b1, c2 = right._b2, d1 = right._a1, d2 = right._a2;
        double x1 = left._x1, x2 = left._x2, y1 = left._y1, y2 = left._y2;
        double u1 = right._x1, u2 = right._x2, v1 = right._y1, v2 = right._y2;
        int n = Math.Min(l.Length, r.Length);
        for (int i = 0; i < n; i++)
        {
            double x = l[i], u = r[i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            double v = c0 * u + c1 * u1 + c2 * u2 - d1 * v1 - d2 * v2;
            x2 = x1; x1 = x; y2 = y1; y1 = y;
            u2 = u1; u1 = u; v2 = v1; v1 = v;
            l[i] = (float)y;
            r[i] = (float)v;
        }
        (left._x1, left._x2, left._y1, left._y2) = (x1, x2, y1, y2);
        (right._x1, right._x2, right._y1, right._y2) = (u1, u2, v1, v2);
        if (l.Length > n) left.Process(l[n..]);
        if (r.Length > n) right.Process(r[n..]);
    }
}
