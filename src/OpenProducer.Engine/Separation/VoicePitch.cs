namespace OpenProducer.Engine.Separation;

/// <summary>
/// The sung pitch of a frame, read from the vocal estimate above the band's low edge (where the voice dominates
/// the centre): a harmonic comb scored on its teeth less the gaps halfway between them, teeth weighted down
/// the higher the harmonic, so that an octave below (the same partials as higher harmonics) or above (the true odd
/// harmonics fall in its gaps) scores less. The
/// pitch lets the fundamental of a low voice through the low edge that keeps the bass out.
/// </summary>
internal sealed class VoicePitch
{
    private readonly float[] _candidates;
    private readonly float _lowBin;
    private readonly float _topBin;
    private readonly int _bins;
    private readonly double _decay;

    public VoicePitch(int size, int sampleRate, double lowHz, double minHz, double maxHz, double decay)
    {
        _decay = decay;
        double binHz = (double)sampleRate / size;
        _lowBin = (float)(lowHz / binHz);
        _topBin = (float)Math.Min(size / 2 - 1, 3000 / binHz);
        _bins = size / 2 + 1;
        const int perOctave = 48;
        int count = (int)(Math.Log2(maxHz / minHz) * perOctave) + 1;
        _candidates = new float[count];
        for (int i = 0; i < count; i++) _candidates[i] = (float)(minHz * Math.Pow(2, i / (double)perOctave) / binHz);
    }

    /// <summary>
    /// The fundamental in bins (fractional), or 0 when the best comb's score is under <paramref name="voicing"/> of
    /// the estimate's strongest bin.
    /// </summary>
    public float Estimate(ReadOnlySpan<float> voice, double voicing)
    {
        double top = 0;
        for (int k = (int)_lowBin; k <= (int)_topBin; k++) top = Math.Max(top, voice[k]);
        if (top <= 0) return 0;
        float best = 0;
        double bestScore = 0;
        foreach (float f0 in _candidates)
        {
            double score = 0;
            int first = Math.Max(1, (int)Math.Ceiling(_lowBin / f0)), teeth = 0;
            // Teeth weigh less the higher the harmonic: an octave below finds the same partials as higher harmonics.
            double weight = Math.Pow(_decay, first - 1);
            for (int h = first; h * f0 <= _topBin; h++, teeth++, weight *= _decay)
                score += weight * (Peak(voice, h * f0) - Peak(voice, (h + 0.5f) * f0));
            if (teeth < 3) continue;
            if (score > bestScore)
            {
                bestScore = score;
                best = f0;
            }
        }
        return bestScore >= voicing * top ? best : 0;
    }

    private float Peak(ReadOnlySpan<float> v, float bin)
    {
        int k = (int)bin;
        return k + 1 < _bins ? Math.Max(v[k], v[k + 1]) : 0;
    }
}
