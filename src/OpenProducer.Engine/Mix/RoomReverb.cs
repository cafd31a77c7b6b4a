namespace OpenProducer.Engine.Mix;

/// <summary>
/// The band's shared room, streamed chunk by chunk: a short pre-delay and a high-pass on the way in (the low end
/// stays dry and clear), then the Freeverb arrangement (eight damped feedback combs in parallel, four all-passes
/// in series, the right channel's delays 23 samples longer for width). Linear and time-invariant, so what each part
/// sends can be credited back to it.
/// </summary>
public sealed class RoomReverb
{
    private static readonly int[] Combs = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllPasses = [556, 441, 341, 225];
    private const int Spread = 23;

    private readonly Freeverb _left, _right;
    private readonly Biquad _hpL, _hpR;
    private readonly float[] _preL, _preR;
    private int _prePos;

    public RoomReverb(double roomSize, double damping, int sampleRate, double preDelayMs = 20)
    {
        double feedback = 0.7 + 0.28 * Math.Clamp(roomSize, 0, 1);
        double scale = sampleRate / 44100.0;
        _left = new Freeverb(Combs.Select(d => (int)(d * scale)), AllPasses.Select(d => (int)(d * scale)), feedback, damping);
        _right = new Freeverb(Combs.Select(d => (int)((d + Spread) * scale)), AllPasses.Select(d => (int)((d + Spread) * scale)), feedback, damping);
        _hpL = Biquad.HighPass(250, 0.707, sampleRate);
        _hpR = Biquad.HighPass(250, 0.707, sampleRate);
        int pre = Math.Max(1, (int)(preDelayMs * 0.001 * sampleRate));
        _preL = new float[pre];
        _preR = new float[pre];
    }

    /// <summary>Reverberates the send (in place: the spans become the wet output).</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        Biquad.ProcessPair(_hpL, _hpR, left, right);
        for (int i = 0; i < left.Length; i++)
        {
            (_preL[_prePos], left[i]) = (left[i], _preL[_prePos]);
            (_preR[_prePos], right[i]) = (right[i], _preR[_prePos]);
            if (++_prePos == _preL.Length) _prePos = 0;
        }
        _left.Process(left, left);
        _right.Process(right, right);
    }
}
