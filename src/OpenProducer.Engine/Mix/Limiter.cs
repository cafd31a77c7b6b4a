using System.Buffers;

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
    /// </summary>
    public static void GainCurve(float[] envelope, double gain, float[] result, double ceilingDb, int sampleRate)
    {
        int n = envelope.Length;
        double ceiling = Math.Pow(10, ceilingDb / 20);
        var req = ArrayPool<float>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                double p = envelope[i] * gain;
                req[i] = p > ceiling ? (float)(ceiling / p) : 1f;
            }
            Smooth(req, result, n, LookaheadMs, ReleaseMs, sampleRate);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(req);
        }
    }

    /// <summary>
    /// Turns the gain each frame requires (<paramref name="req"/>, at most 1) into a smooth gain that is never above
    /// it: the minimum over the look-ahead, a release, and a moving average over the look-ahead.
    /// </summary>
    internal static void Smooth(float[] req, float[] result, int n, double lookaheadMs, double releaseMs, int sampleRate)
    {
        int look = Math.Max(1, (int)(lookaheadMs * 0.001 * sampleRate));
        var ahead = ArrayPool<float>.Shared.Rent(n);
        var dq = ArrayPool<int>.Shared.Rent(n + look + 1);
        try
        {
            // Forward-looking minimum over [i, i + look] with a monotonic deque.
            int head = 0, tail = 0;
            for (int j = n - 1; j >= 0; j--)
            {
                while (tail > head && req[dq[tail - 1]] >= req[j]) tail--;
                dq[tail++] = j;
                while (dq[head] > j + look) head++;
                ahead[j] = req[dq[head]];
            }
            double rel = Math.Exp(-1.0 / (releaseMs * 0.001 * sampleRate));
            double g = 1;
            for (int i = 0; i < n; i++)
            {
                g = Math.Min(ahead[i], 1 - (1 - g) * rel);
                ahead[i] = (float)g;
            }
            // Moving average over the last `look` values: every value averaged is ≤ req[i], so the ramp never overshoots.
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += ahead[i];
                if (i >= look + 1) sum -= ahead[i - look - 1];
                result[i] = (float)(sum / Math.Min(i + 1, look + 1));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ahead);
            ArrayPool<int>.Shared.Return(dq);
        }
    }
}
