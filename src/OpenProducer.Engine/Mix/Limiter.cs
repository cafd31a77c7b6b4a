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
        var gain = GainCurve(audio, ceilingDb, lookaheadMs, releaseMs);
        for (int i = 0; i < audio.Frames; i++)
        {
            audio.Left[i] *= gain[i];
            audio.Right[i] *= gain[i];
        }
    }

    public static float[] GainCurve(AudioBuffer audio, double ceilingDb, double lookaheadMs, double releaseMs)
    {
        int n = audio.Frames;
        int look = Math.Max(1, (int)(lookaheadMs * 0.001 * audio.SampleRate));
        double ceiling = Math.Pow(10, ceilingDb / 20);
        var req = new float[n];
        for (int i = 0; i < n; i++)
        {
            double p = Math.Max(Math.Abs(audio.Left[i]), Math.Abs(audio.Right[i]));
            req[i] = p > ceiling ? (float)(ceiling / p) : 1f;
        }
        // Forward-looking minimum over [i, i + look] with a monotonic deque.
        var ahead = new float[n];
        var dq = new int[n + look + 1];
        int head = 0, tail = 0;
        for (int j = n - 1; j >= 0; j--)
        {
            while (tail > head && req[dq[tail - 1]] >= req[j]) tail--;
            dq[tail++] = j;
            while (dq[head] > j + look) head++;
            ahead[j] = req[dq[head]];
        }
        double rel = Math.Exp(-1.0 / (releaseMs * 0.001 * audio.SampleRate));
        double g = 1;
        for (int i = 0; i < n; i++)
        {
            g = Math.Min(ahead[i], 1 - (1 - g) * rel);
            ahead[i] = (float)g;
        }
        // Moving average over the last `look` values: every value averaged is ≤ req[i], so the ramp never overshoots.
        var result = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += ahead[i];
            if (i >= look + 1) sum -= ahead[i - look - 1];
            result[i] = (float)(sum / Math.Min(i + 1, look + 1));
        }
        return result;
    }
}
