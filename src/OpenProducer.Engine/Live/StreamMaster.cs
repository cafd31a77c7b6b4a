using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Live;

/// <summary>
/// A provisional master for audio heard while the song is still being made, chunk by chunk and causal: the master's
/// EQ, a gain that moves slowly toward the loudness target as the estimate of the song's loudness firms up, and a
/// look-ahead peak limiter. Its output runs <see cref="Latency"/> frames behind its input. The finished song is
/// mastered as a whole; this only has to sound right and never clip.
/// </summary>
internal sealed class StreamMaster
{
    /// <summary>The limiter's look-ahead, in frames: the output lags the input by this much.</summary>
    public int Latency { get; }

    private const double CeilingDb = -1.5, ReleaseMs = 80, MaxSlewDbPerSecond = 3;
    private readonly Biquad[] _eq;
    private readonly float _ceiling;
    private readonly double _release, _slewPerFrame;
    private readonly float[] _delayL, _delayR, _ringGain;
    // A monotonic queue (frame number, need) for the minimum over the look-ahead window.
    private readonly long[] _qFrame;
    private readonly float[] _qNeed;
    private int _qHead, _qCount;
    private long _frame;
    private double _gainDb = double.NaN, _g = 1, _avgSum;
    private float _linear = 1;
    private int _delayPos, _ringPos;

    public StreamMaster(int sampleRate)
    {
        _eq =
        [
            Biquad.HighPass(25, 0.707, sampleRate), Biquad.HighPass(25, 0.707, sampleRate),
            Biquad.Peaking(300, 1.0, -1.5, sampleRate), Biquad.Peaking(300, 1.0, -1.5, sampleRate),
            Biquad.HighShelf(8000, 0.707, 1.5, sampleRate), Biquad.HighShelf(8000, 0.707, 1.5, sampleRate),
        ];
        Latency = Math.Max(1, (int)(0.002 * sampleRate));
        _ceiling = (float)Math.Pow(10, CeilingDb / 20);
        _release = Math.Exp(-1.0 / (ReleaseMs * 0.001 * sampleRate));
        _slewPerFrame = MaxSlewDbPerSecond / sampleRate;
        _delayL = new float[Latency];
        _delayR = new float[Latency];
        _ringGain = new float[Latency + 1];
        Array.Fill(_ringGain, 1f);
        _avgSum = Latency + 1;
        _qFrame = new long[Latency + 2];
        _qNeed = new float[Latency + 2];
    }

    /// <summary>Masters a chunk in place (what comes out is <see cref="Latency"/> frames older than what went in).</summary>
    /// <param name="targetGainDb">The gain that would bring the song, as far as it is known, to the loudness target.</param>
    public void Process(Span<float> left, Span<float> right, double targetGainDb)
    {
        for (int k = 0; k < _eq.Length; k += 2) Biquad.ProcessPair(_eq[k], _eq[k + 1], left, right);
        if (double.IsNaN(_gainDb)) _gainDb = targetGainDb;
        for (int i = 0; i < left.Length; i++)
        {
            // The gain moves a little every frame; its linear value is worked out every 64 frames.
            _gainDb += Math.Clamp(targetGainDb - _gainDb, -_slewPerFrame, _slewPerFrame);
            if ((_frame & 63) == 0) _linear = (float)Math.Pow(10, _gainDb / 20);
            float l = left[i] * _linear, r = right[i] * _linear;
            // The gain each frame needs, known Latency frames before that frame leaves the delay line.
            float peak = Math.Max(Math.Abs(l), Math.Abs(r));
            float need = peak > _ceiling ? _ceiling / peak : 1f;
            _g = Math.Min(MinAhead(need), 1 - (1 - _g) * _release);
            // A moving average over the look-ahead ramps the gain down before the peak arrives.
            _avgSum += _g - _ringGain[_ringPos];
            _ringGain[_ringPos] = (float)_g;
            _ringPos = (_ringPos + 1) % _ringGain.Length;
            float gain = (float)(_avgSum / _ringGain.Length);
            (left[i], _delayL[_delayPos]) = (_delayL[_delayPos] * gain, l);
            (right[i], _delayR[_delayPos]) = (_delayR[_delayPos] * gain, r);
            _delayPos = (_delayPos + 1) % Latency;
        }
    }

    /// <summary>The smallest gain needed over the frames now in the delay line and the one entering it.</summary>
    private float MinAhead(float need)
    {
        int cap = _qFrame.Length;
        while (_qCount > 0 && _qNeed[(_qHead + _qCount - 1) % cap] >= need) _qCount--;
        _qFrame[(_qHead + _qCount) % cap] = _frame;
        _qNeed[(_qHead + _qCount) % cap] = need;
        _qCount++;
        while (_qFrame[_qHead] < _frame - Latency) { _qHead = (_qHead + 1) % cap; _qCount--; }
        _frame++;
        return _qNeed[_qHead];
    }
}
