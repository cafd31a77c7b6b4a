using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// One part's channel on the mixing desk, by its role: an EQ that carves its place (high-passes under the bass,
/// mud cuts, presence where it speaks), compression (the drum bus with a parallel crushed copy under it, a steadier
/// bass), ducking under the kick where the genre pumps, its stereo width, its fader, and its reverb and delay sends.
/// Streamed chunk by chunk; all state lives here.
/// </summary>
internal sealed class ChannelStrip
{
    private readonly List<(Biquad L, Biquad R)> _eq = [];
    private readonly StreamCompressor? _compressor, _parallel;
    private readonly float _parallelMix;
    private readonly KickDucker? _ducker;
    private readonly float _width, _gain;
    private float[] _parL = [], _parR = [];

    public string Group { get; }
    public float ReverbSend { get; }
    public float DelaySend { get; }

    public ChannelStrip(Track track, MixStyle style, IReadOnlyList<long> kicks, double secondsPerBeat, int fs)
    {
        Group = StemGroups.Of(track);
        _gain = track.Gain;
        ReverbSend = track.Reverb / 127f;
        void Eq(Func<Biquad> make) => _eq.Add((make(), make()));
        double width = 1, duck = 0;
        int family = Math.Clamp(track.Program, 0, 127) / 8;
        switch (track.Role)
        {
            case TrackRole.Drums:
                Eq(() => Biquad.HighPass(30, 0.707, fs));
                Eq(() => Biquad.LowShelf(70, 0.707, 2, fs));
                Eq(() => Biquad.Peaking(420, 1.0, -2.5, fs));
                Eq(() => Biquad.HighShelf(9000, 0.707, 2, fs));
                _compressor = new StreamCompressor(-24, 3, 8, 120, 2, fs);
                _parallel = new StreamCompressor(-40, 10, 1, 80, 10, fs);
                _parallelMix = (float)(0.5 * style.Punch);
                width = 1.4;
                ReverbSend *= 0.6f;
                break;
            case TrackRole.Bass:
                Eq(() => Biquad.HighPass(35, 0.707, fs));
                Eq(() => Biquad.Peaking(250, 1.0, -2, fs));
                _compressor = new StreamCompressor(-26, 4, 15, 150, 2, fs);
                width = 0;
                duck = 0.6 * style.Sidechain;
                ReverbSend *= 0.3f;
                break;
            case TrackRole.Pad:
                Eq(() => Biquad.HighPass(180, 0.707, fs));
                Eq(() => Biquad.Peaking(400, 1.0, -3, fs));
                Eq(() => Biquad.LowPass(10000, 0.707, fs));
                width = 2.0 * style.Width;
                duck = style.Sidechain;
                break;
            case TrackRole.Lead:
                Eq(() => Biquad.HighPass(140, 0.707, fs));
                Eq(() => Biquad.Peaking(3000, 1.0, 1.5, fs));
                width = 0.7;
                DelaySend = (float)style.Delay;
                break;
            case TrackRole.Counter:
                Eq(() => Biquad.HighPass(150, 0.707, fs));
                Eq(() => Biquad.Peaking(350, 1.0, -2, fs));
                width = 1.2 * style.Width;
                DelaySend = (float)(0.5 * style.Delay);
                break;
            default: // chords: piano, guitar, organ and the rest of the comping instruments
                bool guitar = family == 3;
                Eq(() => Biquad.HighPass(guitar ? 110 : family == 0 ? 70 : 100, 0.707, fs));
                Eq(() => Biquad.Peaking(guitar ? 350 : 300, 1.0, guitar ? -2.5 : -2, fs));
                if (guitar) Eq(() => Biquad.Peaking(2800, 0.9, 2, fs));
                if (guitar) _compressor = new StreamCompressor(-28, 2, 10, 150, 1, fs);
                width = 1.5 * style.Width;
                duck = 0.4 * style.Sidechain;
                break;
        }
        _width = (float)width;
        if (duck > 0) _ducker = new KickDucker(kicks, duck, secondsPerBeat, fs);
    }

    private bool _quiet = true;

    /// <summary>
    /// True when this chunk is silent in and the part's last output had died away: the chunk is skipped (its output
    /// is silence) and the strip's state relaxes as it would have. Parts rest for whole sections; this keeps their
    /// strips from filtering zeros.
    /// </summary>
    public bool Rest(ReadOnlySpan<float> l, ReadOnlySpan<float> r, long pos)
    {
        if (!_quiet || l.IndexOfAnyExcept(0f) >= 0 || r.IndexOfAnyExcept(0f) >= 0) return false;
        foreach (var (bl, br) in _eq) { bl.Reset(); br.Reset(); }
        _compressor?.Rest(l.Length);
        _parallel?.Rest(l.Length);
        // The ducker follows the kicks, silent or not.
        _ducker?.Skip(pos + l.Length);
        return true;
    }

    /// <summary>Processes one chunk of this part in place.</summary>
    public void Process(Span<float> l, Span<float> r, long pos)
    {
        Biquad.ProcessChain(CollectionsMarshal.AsSpan(_eq), l, r);
        if (_parallel is not null)
        {
            if (_parL.Length < l.Length) { _parL = new float[l.Length]; _parR = new float[l.Length]; }
            var pl = _parL.AsSpan(0, l.Length);
            var pr = _parR.AsSpan(0, r.Length);
            l.CopyTo(pl);
            r.CopyTo(pr);
            _parallel.Process(pl, pr);
            _compressor?.Process(l, r);
            TensorPrimitives.MultiplyAdd(pl, _parallelMix, l, l);
            TensorPrimitives.MultiplyAdd(pr, _parallelMix, r, r);
        }
        else _compressor?.Process(l, r);
        _ducker?.Process(l, r, pos);
        _quiet = Widen(l, r, 0.5f * _width, _gain) < 1e-7f;
    }

    /// <summary>
    /// Mid and side, the side scaled by <paramref name="side"/> (half the width), both by the gain, a vector at a time
    /// (each sample the same operations in the same order as one at a time); returns the largest magnitude out.
    /// </summary>
    private static float Widen(Span<float> l, Span<float> r, float side, float gain)
    {
        int n = Math.Min(l.Length, r.Length), w = Vector<float>.Count, i = 0;
        var peak = Vector<float>.Zero;
        var half = new Vector<float>(0.5f);
        for (; i + w <= n; i += w)
        {
            var a = new Vector<float>(l[i..]);
            var b = new Vector<float>(r[i..]);
            Vector<float> m = half * (a + b), s = side * (a - b), x = gain * (m + s), y = gain * (m - s);
            x.CopyTo(l[i..]);
            y.CopyTo(r[i..]);
            peak = Vector.Max(peak, Vector.Max(Vector.Abs(x), Vector.Abs(y)));
        }
        float max = 0;
        for (int k = 0; k < w; k++) max = Math.Max(max, peak[k]);
        for (; i < n; i++)
        {
            float m = 0.5f * (l[i] + r[i]), s = side * (l[i] - r[i]);
            l[i] = gain * (m + s);
            r[i] = gain * (m - s);
            max = Math.Max(max, Math.Max(Math.Abs(l[i]), Math.Abs(r[i])));
        }
        return max;
    }
}
