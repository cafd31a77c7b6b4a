using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// One channel of the Freeverb arrangement, streamed: eight damped feedback combs in parallel (their outputs summed
/// pairwise, by the vector's own reduction), then four all-passes in series. The combs run side by side, one lane each:
/// a comb's delay line is one lane of a shared history (row t holds what every comb wrote at time t), so one gather
/// reads the eight delayed samples and one store writes the eight new ones. Each comb does the same arithmetic, in
/// the same order, as it would alone; only the eight recursions, each waiting on its own last result, now overlap.
/// </summary>
internal sealed class Freeverb
{
    private const int Lanes = 8;
    private const float InputGain = 0.015f;

    private readonly float[] _history;
    private readonly int _rows;
    private readonly Vector256<int> _delays;
    private readonly float[][] _allPasses;
    private readonly int[] _allPassPos;
    private readonly float _feedback, _damp1, _damp2;
    private Vector256<float> _store;
    private int _time;

    public Freeverb(IEnumerable<int> combs, IEnumerable<int> allPasses, double feedback, double damping)
    {
        var delays = combs.ToArray();
        if (delays.Length != Lanes || delays.Min() < 1) throw new ArgumentException("Eight combs, each at least a sample long.", nameof(combs));
        _rows = (int)BitOperations.RoundUpToPowerOf2((uint)delays.Max() + 1);
        _history = new float[_rows * Lanes];
        _delays = Vector256.Create(delays);
        _allPasses = allPasses.Select(n => new float[n]).ToArray();
        _allPassPos = new int[_allPasses.Length];
        _feedback = (float)feedback;
        _damp1 = (float)damping;
        _damp2 = 1 - _damp1;
    }

    /// <summary>Reverberates <paramref name="input"/> into <paramref name="output"/> (the same length; they may be the same span).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        Combs(input, output);
        for (int a = 0; a < _allPasses.Length; a++) _allPassPos[a] = AllPass(_allPasses[a], _allPassPos[a], output);
    }

    private unsafe void Combs(ReadOnlySpan<float> input, Span<float> output)
    {
        var d1 = Vector256.Create(_damp1);
        var d2 = Vector256.Create(_damp2);
        var fb = Vector256.Create(_feedback);
        var mask = Vector256.Create(_rows - 1);
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var store = _store;
        int time = _time;
        fixed (float* h = _history)
        {
            for (int i = 0; i < input.Length; i++, time++)
            {
                // Row (time − delay) of each lane: what that comb wrote its delay ago (zero before it began).
                var at = (((Vector256.Create(time) - _delays) & mask) << 3) + lane;
                var y = Avx2.IsSupported ? Avx2.GatherVector256(h, at, 4) : Gather(h, at);
                store = y * d2 + store * d1;
                var w = Vector256.Create(input[i] * InputGain) + store * fb;
                w.Store(h + ((time & (_rows - 1)) << 3));
                output[i] = Vector256.Sum(y);
            }
        }
        _store = store;
        _time = time & (_rows - 1);
    }

    private static unsafe Vector256<float> Gather(float* h, Vector256<int> at) =>
        Vector256.Create(h[at.GetElement(0)], h[at.GetElement(1)], h[at.GetElement(2)], h[at.GetElement(3)],
            h[at.GetElement(4)], h[at.GetElement(5)], h[at.GetElement(6)], h[at.GetElement(7)]);

    /// <summary>
    /// One all-pass in place; returns its new position. Its delay is longer than a vector, so the run up to the
    /// buffer's wrap is done eight samples at a time: every value read was written a whole delay earlier.
    /// </summary>
    private static int AllPass(float[] buffer, int pos, Span<float> x)
    {
        int i = 0, w = Vector256<float>.Count;
        var half = Vector256.Create(0.5f);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float bs = ref MemoryMarshal.GetArrayDataReference(buffer);
        while (i < x.Length)
        {
            int run = Math.Min(x.Length - i, buffer.Length - pos), end = i + run;
            if (buffer.Length >= w)
                for (; i + w <= end; i += w, pos += w)
                {
                    var b = Vector256.LoadUnsafe(ref bs, (nuint)pos);
                    var v = Vector256.LoadUnsafe(ref xs, (nuint)i);
                    (v + b * half).StoreUnsafe(ref bs, (nuint)pos);
                    (-v + b).StoreUnsafe(ref xs, (nuint)i);
                }
            for (; i < end; i++, pos++)
            {
                float b = Unsafe.Add(ref bs, pos), v = Unsafe.Add(ref xs, i);
                Unsafe.Add(ref bs, pos) = v + b * 0.5f;
                Unsafe.Add(ref xs, i) = -v + b;
            }
            if (pos == buffer.Length) pos = 0;
        }
        return pos;
    }
}
