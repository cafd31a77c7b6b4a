namespace OpenProducer.Engine.Mix;

/// <summary>
/// Sidechain ducking keyed by the score's kick drum rather than by audio: at every kick the part dips by the depth
/// in 3 ms and comes back over about a third of a beat, the breathing of a club record. Knowing the hits from the
/// score means the dip starts with the kick's attack, never after it.
/// </summary>
public sealed class KickDucker(IReadOnlyList<long> kickFrames, double depth, double secondsPerBeat, int sampleRate)
{
    // Three time constants in a third of a beat.
    private readonly double _decay = Math.Exp(-1 / (0.33 * secondsPerBeat * sampleRate / 3));
    private readonly int _attack = Math.Max(1, (int)(0.003 * sampleRate));
    private int _next;
    private double _dip;

    /// <summary>Moves on to <paramref name="pos"/> without audio (the part rested): the dip decays as if it had played.</summary>
    public void Skip(long pos)
    {
        long last = -1;
        while (_next < kickFrames.Count && kickFrames[_next] < pos) last = kickFrames[_next++];
        _dip = last >= 0 ? depth * Math.Pow(_decay, pos - last) : _dip * Math.Pow(_decay, pos - _at);
        _at = pos;
    }

    private long _at;

    public void Process(Span<float> left, Span<float> right, long pos)
    {
        if (depth <= 0 || kickFrames.Count == 0) return;
        for (int i = 0; i < left.Length; i++)
        {
            long f = pos + i;
            while (_next < kickFrames.Count && kickFrames[_next] <= f) { _next++; _dip = depth; }
            // The dip decays after the latest kick, and ramps in over the last few milliseconds before the next one.
            double g = 1 - _dip;
            _dip *= _decay;
            if (_next < kickFrames.Count && kickFrames[_next] - f < _attack)
                g = Math.Min(g, 1 - depth * (1 - (kickFrames[_next] - f) / (double)_attack));
            left[i] *= (float)g;
            right[i] *= (float)g;
        }
        _at = pos + left.Length;
    }
}
