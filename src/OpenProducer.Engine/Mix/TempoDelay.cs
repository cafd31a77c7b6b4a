namespace OpenProducer.Engine.Mix;

/// <summary>
/// A tempo-synced ping-pong delay, streamed: the left repeat a dotted eighth after the note, the right a beat after
/// it, each repeat darker (a low-pass in the feedback) and quieter, so repeats answer the phrase without crowding it.
/// </summary>
public sealed class TempoDelay
{
    private readonly float[] _left, _right;
    private int _posL, _posR;
    private readonly Biquad _toneL, _toneR;
    private const float Feedback = 0.35f;

    public TempoDelay(double secondsPerBeat, int sampleRate)
    {
        _left = new float[Math.Max(1, (int)(0.75 * secondsPerBeat * sampleRate))];
        _right = new float[Math.Max(1, (int)(secondsPerBeat * sampleRate))];
        _toneL = Biquad.LowPass(3500, 0.707, sampleRate);
        _toneR = Biquad.LowPass(3500, 0.707, sampleRate);
    }

    /// <summary>Delays the send (in place: the spans become the wet output).</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        for (int i = 0; i < left.Length; i++)
        {
            float inL = left[i], inR = right[i];
            float outL = _left[_posL], outR = _right[_posR];
            // Ping-pong: each side's repeat feeds the other, so the echoes walk across the field.
            _left[_posL] = inL + Feedback * (float)_toneL.Process(outR);
            _right[_posR] = inR + Feedback * (float)_toneR.Process(outL);
            if (++_posL == _left.Length) _posL = 0;
            if (++_posR == _right.Length) _posR = 0;
            left[i] = outL;
            right[i] = outR;
        }
    }
}
