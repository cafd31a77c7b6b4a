using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

    /// <summary>Forgets the filter's past (after silence, so a part that rests starts again clean).</summary>
    public void Reset() => _x1 = _x2 = _y1 = _y2 = 0;

    public double Process(double x)
    {
        double y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
        _x2 = _x1; _x1 = x; _y2 = _y1; _y1 = y;
        return y;
    }

    /// <summary>
    /// Filters in place, the state in locals for the loop. The feedback from the last output is added last, in one
    /// fused multiply-add, so each sample waits on the one before for a single operation (the rest is ready earlier).
    /// </summary>
    public void Process(Span<float> samples)
    {
        var (b0, b1, b2, a1, a2) = Lanes(this, this);
        var (x1, x2, y1, y2) = State(this, this);
        for (int i = 0; i < samples.Length; i++)
        {
            var x = Widened.Pair(samples[i], 0);
            var y = Step(x, b0, b1, b2, a1, a2, x1, x2, y1, y2);
            x2 = x1; x1 = x; y2 = y1; y1 = y;
            samples[i] = Vector128.Narrow(y, y).ToScalar();
        }
        Save(this, this, x1, x2, y1, y2);
    }

    /// <summary>
    /// Filters two channels with two filters of the same design in one loop, the two recursions side by side in one
    /// vector: the same arithmetic per channel as <see cref="Process(Span{float})"/>.
    /// </summary>
    public static void ProcessPair(Biquad left, Biquad right, Span<float> l, Span<float> r)
    {
        int n = Math.Min(l.Length, r.Length);
        var (b0, b1, b2, a1, a2) = Lanes(left, right);
        var (x1, x2, y1, y2) = State(left, right);
        for (int i = 0; i < n; i++)
        {
            var x = Widened.Pair(l[i], r[i]);
            var y = Step(x, b0, b1, b2, a1, a2, x1, x2, y1, y2);
            x2 = x1; x1 = x; y2 = y1; y1 = y;
            var f = Vector128.Narrow(y, y);
            l[i] = f.ToScalar();
            r[i] = f.GetElement(1);
        }
        Save(left, right, x1, x2, y1, y2);
        if (l.Length > n) left.Process(l[n..]);
        if (r.Length > n) right.Process(r[n..]);
    }

    /// <summary>
    /// Filters two channels of the same length through a chain of filter pairs (left and right of each stage), two
    /// stages per pass over the samples: the second stage works on a sample while the first starts the next, and the
    /// signal between them stays in double precision.
    /// </summary>
    public static void ProcessChain(ReadOnlySpan<(Biquad L, Biquad R)> chain, Span<float> l, Span<float> r)
    {
        if (l.Length != r.Length) throw new ArgumentException("The channels differ in length.", nameof(r));
        int k = 0;
        for (; k + 2 <= chain.Length; k += 2)
        {
            var (first, second) = (chain[k], chain[k + 1]);
            var (b0, b1, b2, a1, a2) = Lanes(first.L, first.R);
            var (x1, x2, y1, y2) = State(first.L, first.R);
            var (c0, c1, c2, d1, d2) = Lanes(second.L, second.R);
            var (u1, u2, v1, v2) = State(second.L, second.R);
            for (int i = 0; i < l.Length; i++)
            {
                var x = Widened.Pair(l[i], r[i]);
                var y = Step(x, b0, b1, b2, a1, a2, x1, x2, y1, y2);
                x2 = x1; x1 = x; y2 = y1; y1 = y;
                var v = Step(y, c0, c1, c2, d1, d2, u1, u2, v1, v2);
                u2 = u1; u1 = y; v2 = v1; v1 = v;
                var f = Vector128.Narrow(v, v);
                l[i] = f.ToScalar();
                r[i] = f.GetElement(1);
            }
            Save(first.L, first.R, x1, x2, y1, y2);
            Save(second.L, second.R, u1, u2, v1, v2);
        }
        if (k < chain.Length) ProcessPair(chain[k].L, chain[k].R, l, r);
    }

    /// <summary>One sample of the recursion, a channel per lane: y = b0·x + b1·x1 + b2·x2 + (−a2)·y2 + (−a1)·y1, in that order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<double> Step(Vector128<double> x, Vector128<double> b0, Vector128<double> b1, Vector128<double> b2,
        Vector128<double> a1, Vector128<double> a2, Vector128<double> x1, Vector128<double> x2, Vector128<double> y1, Vector128<double> y2) =>
        Vector128.FusedMultiplyAdd(a1, y1, Vector128.FusedMultiplyAdd(a2, y2, Vector128.FusedMultiplyAdd(b2, x2, Vector128.FusedMultiplyAdd(b1, x1, b0 * x))));

    /// <summary>The coefficients of a left and a right filter, a lane each, the feedback ones negated (as <see cref="Step"/> takes them).</summary>
    internal static (Vector128<double>, Vector128<double>, Vector128<double>, Vector128<double>, Vector128<double>) Lanes(Biquad left, Biquad right) =>
        (Vector128.Create(left._b0, right._b0), Vector128.Create(left._b1, right._b1), Vector128.Create(left._b2, right._b2),
            Vector128.Create(-left._a1, -right._a1), Vector128.Create(-left._a2, -right._a2));

    private static (Vector128<double>, Vector128<double>, Vector128<double>, Vector128<double>) State(Biquad left, Biquad right) =>
        (Vector128.Create(left._x1, right._x1), Vector128.Create(left._x2, right._x2), Vector128.Create(left._y1, right._y1), Vector128.Create(left._y2, right._y2));

    private static void Save(Biquad left, Biquad right, Vector128<double> x1, Vector128<double> x2, Vector128<double> y1, Vector128<double> y2)
    {
        (right._x1, right._x2, right._y1, right._y2) = (x1.GetElement(1), x2.GetElement(1), y1.GetElement(1), y2.GetElement(1));
        (left._x1, left._x2, left._y1, left._y2) = (x1.ToScalar(), x2.ToScalar(), y1.ToScalar(), y2.ToScalar());
    }
}
