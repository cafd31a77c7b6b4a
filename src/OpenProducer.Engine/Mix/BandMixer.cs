using System.Numerics.Tensors;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// The band's mix, built while the synth renders: every part through its <see cref="ChannelStrip"/>, into the mix
/// and (when asked) into its stem; its sends into one room reverb and one tempo delay. The returns are shared, so
/// each chunk of them is split between the parts by smoothed weights (what each sent, decaying like the tail) that
/// always sum to one: each stem carries about its own reverb and echoes, and the stems sum to the mix. One group's stem
/// (the last by name) is not built as it renders: it is what the mix holds beyond the others, taken once the render is
/// done (a song-length stereo buffer less while the synth holds its samples; the stems then sum to the mix to within
/// a float's rounding of it, and the mix is the one a render without stems makes, bit for bit).
/// </summary>
public sealed class BandMixer : IRenderSink
{
    private readonly ChannelStrip?[] _strips = new ChannelStrip?[FluidSynthRenderer.Channels];
    private readonly AudioBuffer _mix;
    private readonly Dictionary<string, AudioBuffer>? _stems;
    private readonly string? _remainder;
    private readonly RoomReverb _reverb;
    private readonly TempoDelay _delay;
    private readonly float _reverbReturn, _delayReturn;
    private readonly double[] _reverbWeight = new double[FluidSynthRenderer.Channels], _delayWeight = new double[FluidSynthRenderer.Channels];
    private readonly int _sampleRate;
    private float[] _l = [], _r = [], _revL = [], _revR = [], _dlyL = [], _dlyR = [];
    private int _rendered;

    /// <summary>The mix as it is being built: frames before <see cref="Rendered"/> are final (read from another thread while it renders).</summary>
    public AudioBuffer Mix => _mix;

    /// <summary>How many frames of the mix are final so far.</summary>
    public int Rendered => Volatile.Read(ref _rendered);

    public BandMixer(Score score, int frames, int sampleRate, bool stems)
    {
        _sampleRate = sampleRate;
        _mix = new AudioBuffer(frames, sampleRate);
        var style = score.Mix;
        var kicks = score.Tracks.Where(t => t.IsDrums)
            .SelectMany(t => t.Notes.Where(n => n.Pitch is 35 or 36).Select(n => (long)Math.Round(score.TimeOf(n.Start) * sampleRate)))
            .Distinct().Order().ToList();
        foreach (var t in score.Tracks) _strips[t.Channel] = new ChannelStrip(t, style, kicks, score.SecondsPerBeat, sampleRate);
        if (stems)
        {
            _stems = [];
            _remainder = _strips.Where(s => s is not null).Select(s => s!.Group).Order(StringComparer.Ordinal).LastOrDefault();
            foreach (var s in _strips)
                if (s is not null && s.Group != _remainder && !_stems.ContainsKey(s.Group)) _stems[s.Group] = new AudioBuffer(frames, sampleRate);
        }
        _reverb = new RoomReverb(style.Room, damping: 0.45, sampleRate);
        _delay = new TempoDelay(score.SecondsPerBeat, sampleRate);
        // Return levels: the room louder for bigger rooms; the echoes well under the dry part.
        _reverbReturn = (float)(2.2 + 2.0 * style.Room);
        _delayReturn = 0.45f;
    }

    public void Add(int len, float[][] channelOutputs, int pos)
    {
        if (_l.Length < len)
        {
            _l = new float[len]; _r = new float[len];
            _revL = new float[len]; _revR = new float[len]; _dlyL = new float[len]; _dlyR = new float[len];
        }
        var l = _l.AsSpan(0, len);
        var r = _r.AsSpan(0, len);
        var revL = _revL.AsSpan(0, len);
        var revR = _revR.AsSpan(0, len);
        var dlyL = _dlyL.AsSpan(0, len);
        var dlyR = _dlyR.AsSpan(0, len);
        revL.Clear(); revR.Clear(); dlyL.Clear(); dlyR.Clear();
        double decay = Math.Exp(-len / (1.5 * _sampleRate));
        var mixL = _mix.Left.AsSpan(pos, len);
        var mixR = _mix.Right.AsSpan(pos, len);
        for (int c = 0; c < _strips.Length; c++)
        {
            if (_strips[c] is not { } strip) continue;
            if (strip.Rest(channelOutputs[2 * c].AsSpan(0, len), channelOutputs[2 * c + 1].AsSpan(0, len), pos))
            {
                _reverbWeight[c] *= decay;
                _delayWeight[c] *= decay;
                continue;
            }
            channelOutputs[2 * c].AsSpan(0, len).CopyTo(l);
            channelOutputs[2 * c + 1].AsSpan(0, len).CopyTo(r);
            strip.Process(l, r, pos);
            // Into the mix and the sends, a vector at a time (each sample the same sum and product as one at a time).
            TensorPrimitives.Add(mixL, l, mixL);
            TensorPrimitives.Add(mixR, r, mixR);
            Accumulate(revL, l, strip.ReverbSend);
            Accumulate(revR, r, strip.ReverbSend);
            Accumulate(dlyL, l, strip.DelaySend);
            Accumulate(dlyR, r, strip.DelaySend);
            if (_stems is null) continue;
            // The returns' weights serve only to split them between the stems.
            double energy = 0;
            for (int i = 0; i < len; i++) energy += l[i] * (double)l[i] + r[i] * (double)r[i];
            if (_stems.TryGetValue(strip.Group, out var stem))
            {
                TensorPrimitives.Add(stem.Left.AsSpan(pos, len), l, stem.Left.AsSpan(pos, len));
                TensorPrimitives.Add(stem.Right.AsSpan(pos, len), r, stem.Right.AsSpan(pos, len));
            }
            _reverbWeight[c] = _reverbWeight[c] * decay + energy * strip.ReverbSend * strip.ReverbSend;
            _delayWeight[c] = _delayWeight[c] * decay + energy * strip.DelaySend * strip.DelaySend;
        }
        _reverb.Process(revL, revR);
        _delay.Process(dlyL, dlyR);
        Accumulate(mixL, revL, _reverbReturn);
        Accumulate(mixR, revR, _reverbReturn);
        Accumulate(mixL, dlyL, _delayReturn);
        Accumulate(mixR, dlyR, _delayReturn);
        if (_stems is not null)
        {
            Credit(revL, revR, _reverbWeight, _reverbReturn, pos);
            Credit(dlyL, dlyR, _delayWeight, _delayReturn, pos);
        }
        Volatile.Write(ref _rendered, pos + len);
    }

    /// <summary>Splits a chunk of a shared return between the stems by the parts' weights (an even split before anything sounded).</summary>
    private void Credit(Span<float> wetL, Span<float> wetR, double[] weights, float level, int pos)
    {
        double total = 0;
        int parts = 0;
        for (int c = 0; c < _strips.Length; c++)
            if (_strips[c] is not null) { total += weights[c]; parts++; }
        for (int c = 0; c < _strips.Length; c++)
        {
            if (_strips[c] is not { } strip) continue;
            float share = level * (total > 0 ? (float)(weights[c] / total) : 1f / parts);
            if (share == 0 || !_stems!.TryGetValue(strip.Group, out var stem)) continue;
            Accumulate(stem.Left.AsSpan(pos, wetL.Length), wetL, share);
            Accumulate(stem.Right.AsSpan(pos, wetR.Length), wetR, share);
        }
    }

    /// <summary><paramref name="into"/>[i] += <paramref name="gain"/> × <paramref name="x"/>[i], a vector at a time (the product, then the sum: not fused).</summary>
    private static void Accumulate(Span<float> into, ReadOnlySpan<float> x, float gain) => TensorPrimitives.MultiplyAdd(x, gain, into, into);

    /// <summary>The band's mix and, when asked for, its stems by group (they sum to the mix). Called once, after the render.</summary>
    public (AudioBuffer Mix, Dictionary<string, AudioBuffer>? Stems) Finish()
    {
        if (_stems is null || _remainder is null || _stems.ContainsKey(_remainder)) return (_mix, _stems);
        var rest = new AudioBuffer(_mix.Frames, _sampleRate);
        rest.Add(_mix);
        foreach (var (_, stem) in _stems.OrderBy(s => s.Key, StringComparer.Ordinal)) rest.Subtract(stem);
        _stems[_remainder] = rest;
        return (_mix, _stems);
    }
}
