using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Live;

/// <summary>
/// The integrated loudness (BS.1770, gated) of audio that grows as it is rendered: each call filters only the
/// frames added since the last, so following a whole song costs one pass over it.
/// </summary>
internal sealed class RunningLoudness(int sampleRate)
{
    private readonly (Biquad Shelf, Biquad HighPass) _left = Loudness.KWeighting(sampleRate), _right = Loudness.KWeighting(sampleRate);
    private readonly int _hop = Loudness.Hop(sampleRate);
    private readonly List<double> _hops = [];
    private int _frames;

    /// <summary>The loudness so far (LUFS); −70 until anything is heard.</summary>
    public double Lufs { get; private set; } = -70;

    /// <summary>Takes in frames up to <paramref name="until"/> of <paramref name="audio"/>, in whole hops.</summary>
    public void Add(AudioBuffer audio, int until)
    {
        int before = _hops.Count;
        for (; _frames + _hop <= until; _frames += _hop)
        {
            double energy = 0;
            for (int i = _frames; i < _frames + _hop; i++)
            {
                double l = _left.HighPass.Process(_left.Shelf.Process(audio.Left[i])), r = _right.HighPass.Process(_right.Shelf.Process(audio.Right[i]));
                energy += l * l + r * r;
            }
            _hops.Add(energy);
        }
        if (_hops.Count == before || _hops.Count < 4) return;
        double lufs = Loudness.Gated(_hops.ToArray(), 4 * _hop);
        if (!double.IsNegativeInfinity(lufs)) Lufs = lufs;
    }
}
