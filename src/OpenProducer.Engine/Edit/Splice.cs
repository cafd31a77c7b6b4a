using OpenProducer.Engine.Core;

using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Edit;

/// <summary>Joins kept audio and new audio without a click, and keeps a new layer under the ceiling on top of a kept one.</summary>
public static class Splice
{
    /// <summary>Length of each crossfade at a join: 20 ms, long enough to hide a step, short enough to keep timing.</summary>
    public const double CrossfadeSeconds = 0.02;

    /// <summary>
    /// The kept audio before <paramref name="from"/> (seconds) and from <paramref name="to"/> on (when finite),
    /// the new audio between, crossfaded (raised cosine, 20 ms) just inside the new span. Outside the span every
    /// sample is the kept audio's own. The result is as long as the new audio for an open span (an extension) and
    /// as long as the kept audio otherwise, unless <paramref name="frames"/> says. The new audio may be a stretch that
    /// starts <paramref name="freshOffset"/> frames into the song (at or before the join).
    /// </summary>
    public static AudioBuffer Join(AudioBuffer kept, AudioBuffer fresh, double from, double to, int frames = -1, int freshOffset = 0)
    {
        int rate = Math.Max(kept.SampleRate, fresh.SampleRate);
        bool closed = !double.IsInfinity(to);
        int n = frames >= 0 ? frames : closed ? kept.Frames : freshOffset + fresh.Frames;
        int a = (int)Math.Round(from * rate), b = closed ? (int)Math.Round(to * rate) : int.MaxValue;
        int fade = (int)Math.Round(CrossfadeSeconds * rate);
        if (closed) fade = Math.Max(1, Math.Min(fade, (b - a) / 2));
        var result = new AudioBuffer(n, rate);
        for (int i = 0; i < n; i++)
        {
            // w: how much of the new audio is heard.
            double w = i < a ? 0 : i < a + fade ? Rise((i - a + 0.5) / fade)
                : !closed || i < b - fade ? 1 : i < b ? Rise((b - i - 0.5) / fade) : 0;
            result.Left[i] = Mix(kept.Left, fresh.Left, i, freshOffset, w);
            result.Right[i] = Mix(kept.Right, fresh.Right, i, freshOffset, w);
        }
        return result;
    }

    private static double Rise(double x) => 0.5 - 0.5 * Math.Cos(Math.PI * x);

    private static float Mix(float[] kept, float[] fresh, int i, int offset, double w)
    {
        float k = i < kept.Length ? kept[i] : 0, f = i - offset >= 0 && i - offset < fresh.Length ? fresh[i - offset] : 0;
        return w <= 0 ? k : w >= 1 ? f : (float)((1 - w) * k + w * f);
    }

    /// <summary>
    /// Keeps <paramref name="kept"/> plus the <paramref name="added"/> layers under the limiter's ceiling by turning
    /// only the added layers down where the sum would go over, so the kept layer stays sample for sample what it
    /// was. Each frame asks for the gain that brings the sum back to the ceiling (solved for the added part), and
    /// the limiter's smoothing turns those into a gain curve that never asks for less reduction.
    /// </summary>
    public static void Guard(AudioBuffer kept, IReadOnlyList<AudioBuffer> added, double ceilingDb)
    {
        int n = kept.Frames;
        double ceiling = Math.Pow(10, ceilingDb / 20);
        var sumL = new float[n];
        var sumR = new float[n];
        foreach (var layer in added)
            for (int i = 0; i < n; i++) { sumL[i] += layer.Left[i]; sumR[i] += layer.Right[i]; }
        var req = new float[n];
        bool any = false;
        for (int i = 0; i < n; i++)
        {
            req[i] = Math.Min(Needed(kept.Left[i], sumL[i], ceiling), Needed(kept.Right[i], sumR[i], ceiling));
            any |= req[i] < 1;
        }
        if (!any) return;
        var gain = new float[n];
        Limiter.Smooth(req, gain, n, 2.0, 80, kept.SampleRate);
        foreach (var layer in added)
            for (int i = 0; i < n; i++) { layer.Left[i] *= gain[i]; layer.Right[i] *= gain[i]; }
    }

    /// <summary>The gain g (0–1) on the added sample a that keeps |k + g·a| within the ceiling.</summary>
    private static float Needed(float k, float a, double ceiling)
    {
        if (Math.Abs(k + a) <= ceiling || a == 0) return 1;
        // Over: the added part has the kept part's sign (or the kept part alone is over); bring it back to the ceiling.
        double g = (Math.Sign(a) * ceiling - k) / a;
        return (float)Math.Clamp(g, 0, 1);
    }
}
