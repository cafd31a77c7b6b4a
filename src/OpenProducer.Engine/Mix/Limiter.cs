using System.Buffers;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// A look-ahead peak limiter: the gain reaches its target before the peak arrives (a windowed minimum,
/// then a moving average as the attack ramp) and recovers with an exponential release. One gain curve
/// drives both channels, so the stereo image does not move.
/// </summary>
public static class Limiter
{
    public static void Apply(AudioBuffer audio, double ceilingDb, double lookaheadMs = 2.0, double releaseMs = 80)
    {
        int n = audio.Frames;
        var gain = ArrayPool<float>.Shared.Rent(n);
        try
        {
            GainCurve(audio, gain, ceilingDb, lookaheadMs, releaseMs);
            for (int i = 0; i < n; i++)
            {
                audio.Left[i] *= gain[i];
                audio.Right[i] *= gain[i];
            }
        }
        finally { ArrayPool<float>.Shared.Return(gain); }
    }

    /// <summary>Writes the limiter's gain for each frame into <paramref name="result"/> (at least Frames long).</summary>
    public static void GainCurve(AudioBuffer audio, float[] result, double ceilingDb, double lookaheadMs, double releaseMs)
    {
        int n = audio.Frames;
        double ceiling = Math.Pow(10, ceilingDb / 20);
        var req = ArrayPool<float>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                double p = Math.Max(Math.Abs(audio.Left[i]), Math.Abs(audio.Right[i]));
                req[i] = p > ceiling ? (float)(ceiling / p) : 1f;
            }
            Smooth(req, result, n, lookaheadMs, releaseMs, audio.SampleRate);
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
