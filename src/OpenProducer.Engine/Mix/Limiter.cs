namespace OpenProducer.Engine.Mix;

/// <summary>
/// A look-ahead true-peak limiter: it reads the signal's true-peak envelope (<see cref="TruePeak.Envelope(Core.AudioBuffer)"/>), so the
/// reconstructed wave, not only the samples, stays under the ceiling. The gain reaches its target before the peak
/// arrives (a windowed minimum, then a moving average as the attack ramp) and recovers with an exponential release.
/// One gain curve drives both channels, so the stereo image does not move.
/// </summary>
public static class Limiter
{
    public const double LookaheadMs = 2.0, ReleaseMs = 80;

    /// <summary>
    /// Writes, for each frame, the limiter's gain for a signal whose true-peak envelope is <paramref name="envelope"/>
    /// once it is multiplied by <paramref name="gain"/> (so one envelope serves every gain a search tries).
    /// <paramref name="result"/> may be the envelope itself (it is then replaced by the gain).
    /// </summary>
    public static void GainCurve(float[] envelope, double gain, float[] result, double ceilingDb, int sampleRate) =>
        Smooth(new Required(envelope, gain, Math.Pow(10, ceilingDb / 20)), new Into(result), envelope.Length, LookaheadMs, ReleaseMs, sampleRate);

    /// <summary>
    /// The limiter's gain for each frame, as <see cref="GainCurve"/> gives it, handed to <paramref name="sink"/> frame
    /// by frame in order (after the look-ahead has read the envelope that far): no curve is held.
    /// </summary>
    internal static void Apply<TSink>(float[] envelope, double gain, TSink sink, double ceilingDb, int sampleRate) where TSink : IGainSink =>
        Smooth(new Required(envelope, gain, Math.Pow(10, ceilingDb / 20)), sink, envelope.Length, LookaheadMs, ReleaseMs, sampleRate);

    /// <summary>Takes the limiter's gain for each frame, in order.</summary>
    internal interface IGainSink
    {
        void Put(int i, float gain);
    }

    private readonly struct Into(float[] result) : IGainSink
    {
        public void Put(int i, float gain) => result[i] = gain;
    }

    /// <summary>
    /// Turns the gain each frame requires (<paramref name="req"/>, at most 1) into a smooth gain that is never above
    /// it: the minimum over the look-ahead, a release, and a moving average over the look-ahead.
    /// <paramref name="result"/> may be <paramref name="req"/> itself.
    /// </summary>
    internal static void Smooth(float[] req, float[] result, int n, double lookaheadMs, double releaseMs, int sampleRate) =>
        Smooth(new Given(req), new Into(result), n, lookaheadMs, releaseMs, sampleRate);

    /// <summary>A frame's required gain, read when the look-ahead first reaches it (never after its gain is written).</summary>
    private interface IRequirement
    {
        float At(int i);
    }

    private readonly struct Given(float[] req) : IRequirement
    {
        public float At(int i) => req[i];
    }

    /// <summary>The gain that brings the envelope times the gain down to the ceiling (1 where it is under).</summary>
    private readonly struct Required(float[] envelope, double gain, double ceiling) : IRequirement
    {
        public float At(int i)
        {
            double p = envelope[i] * gain;
            return p > ceiling ? (float)(ceiling / p) : 1f;
        }
    }

    /// <summary>
    /// One pass, front to back, holding only the look-ahead: the minimum over [i, i + look] from a monotonic queue
    /// (values held in it, so the input is never read behind the output), the release, and the moving average over
    /// the last look + 1 released values from a ring. No song-length scratch.
    /// </summary>
    private static void Smooth<TReq, TSink>(TReq req, TSink result, int n, double lookaheadMs, double releaseMs, int sampleRate)
        where TReq : IRequirement where TSink : IGainSink
    {
        int look = Math.Max(1, (int)(lookaheadMs * 0.001 * sampleRate));
        int cap = look + 2;
        var queueAt = new int[cap];
        var queueValue = new float[cap];
        var released = new float[look + 1];
        int head = 0, tail = 0, count = 0, next = 0, ring = 0;
        double rel = Math.Exp(-1.0 / (releaseMs * 0.001 * sampleRate));
        double g = 1, sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int last = Math.Min(i + look, n - 1); next <= last; next++)
            {
                float v = req.At(next);
                while (count > 0 && queueValue[tail == 0 ? cap - 1 : tail - 1] >= v) { tail = tail == 0 ? cap - 1 : tail - 1; count--; }
                queueAt[tail] = next;
                queueValue[tail] = v;
                tail = tail == cap - 1 ? 0 : tail + 1;
                count++;
            }
            while (queueAt[head] < i) { head = head == cap - 1 ? 0 : head + 1; count--; }
            g = Math.Min(queueValue[head], 1 - (1 - g) * rel);
            float r = (float)g;
            // Moving average over the last `look` values: every value averaged is ≤ req[i], so the ramp never overshoots.
            sum += r;
            if (i >= look + 1) sum -= released[ring];
            released[ring] = r;
            ring = ring == look ? 0 : ring + 1;
            result.Put(i, (float)(sum / Math.Min(i + 1, look + 1)));
        }
    }
}
