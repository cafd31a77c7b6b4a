namespace OpenProducer.Engine.Render;

/// <summary>
/// Collects each part of a render into its stem, from the same pass as the mix. The dry signal of every MIDI
/// channel goes to its group's stem. The synth's one reverb return is shared, so it is split between the parts
/// by smoothed weights (dry energy × reverb send, decaying like a reverb tail) that always sum to one: each stem
/// carries about its own reverb, and the stems sum exactly to the mix.
/// </summary>
/// <remarks>
/// Rendering each part alone does not work: FluidSynth's output for a channel depends slightly on what the other
/// channels play (parts rendered alone summed to the full render within only about −40 dB).
/// </remarks>
public sealed class StemCapture
{
    private readonly string?[] _groupOfChannel = new string?[16];
    private readonly double[] _weight = new double[16];
    private readonly float[] _send = new float[16];
    private readonly int _sampleRate;

    public Dictionary<string, AudioBuffer> Stems { get; } = new();

    public StemCapture(IEnumerable<(int Channel, string Group, int ReverbSend)> parts, int frames, int sampleRate)
    {
        _sampleRate = sampleRate;
        foreach (var (channel, group, send) in parts)
        {
            _groupOfChannel[channel] = group;
            _send[channel] = Math.Max(1, send) / 127f;
            if (!Stems.ContainsKey(group)) Stems[group] = new AudioBuffer(frames, sampleRate);
        }
    }

    internal void Add(int len, float[][] outBufs, float[][] fxBufs, float[] gains, int pos)
    {
        double decay = Math.Exp(-len / (1.5 * _sampleRate));
        double total = 0;
        for (int c = 0; c < 16; c++)
        {
            if (_groupOfChannel[c] is not { } group) continue;
            float g = gains[c];
            var l = outBufs[2 * c];
            var r = outBufs[2 * c + 1];
            var stem = Stems[group];
            double energy = 0;
            for (int i = 0; i < len; i++)
            {
                stem.Left[pos + i] += g * l[i];
                stem.Right[pos + i] += g * r[i];
                energy += g * g * (l[i] * (double)l[i] + r[i] * (double)r[i]);
            }
            _weight[c] = _weight[c] * decay + energy * _send[c];
            total += _weight[c];
        }
        for (int c = 0; c < 16; c++)
        {
            if (_groupOfChannel[c] is not { } group) continue;
            // Before any part has sounded the return is silent; an even split keeps the sum exact all the same.
            float share = total > 0 ? (float)(_weight[c] / total) : 1f / Stems.Count;
            if (share == 0) continue;
            var stem = Stems[group];
            for (int i = 0; i < len; i++)
            {
                stem.Left[pos + i] += share * 0.6f * fxBufs[0][i];
                stem.Right[pos + i] += share * 0.6f * fxBufs[1][i];
            }
        }
    }
}
