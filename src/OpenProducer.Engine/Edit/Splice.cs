using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;

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
    /// as long as the kept audio otherwise, unless <paramref name="frames"/> says.
    /// </summary>
    public static AudioBuffer Join(AudioBuffer kept, AudioBuffer fresh, double from, double to, int frames = -1)
    {
        int rate = Math.Max(kept.SampleRate, fresh.SampleRate);
        bool closed = !double.IsInfinity(to);
        int n = frames >= 0 ? frames : closed ? kept.Frames : fresh.Frames;
        int a = (int)Math.Round(from * rate), b = closed ? (int)Math.Round(to * rate) : int.MaxValue;
        int fade = (int)Math.Round(CrossfadeSeconds * rate);
        if (closed) fade = Math.Max(1, Math.Min(fade, (b - a) / 2));
        var result = new AudioBuffer(n, rate);
        for (int i = 0; i < n; i++)
        {
            // w: how much of the new audio is heard.
            double w = i < a ? 0 : i < a + fade ? Rise((i - a + 0.5) / fade)
                : !closed || i < b - fade ? 1 : i < b ? Rise((b - i - 0.5) / fade) : 0;
            result.Left[i] = Mix(kept.Left, fresh.Left, i, w);
            result.Right[i] = Mix(kept.Right, fresh.Right, i, w);
        }
        return result;
    }

    private static double Rise(double x) => 0.5 - 0.5 * Math.Cos(Math.PI * x);

    private static float Mix(float[] kept, float[] fresh, int i, double w)
    {
        float k = i < kept.Length ? kept[i] : 0, f = i < fresh.Length ? fresh[i] : 0;
        return w <= 0 ? k : w >= 1 ? f : (float)((1 - w) * k + w * f);
    }

    /// <summary>
    /// Keeps <paramref name="kept"/> plus the <paramref name="added"/> layers under the limiter's ceiling by
    /// turning only the added layers down where the sum would go over (the limiter's own gain curve, a few
    /// passes), so the kept layer stays sample for sample what it was.
    /// </summary>
    public static void Guard(AudioBuffer kept, IReadOnlyList<AudioBuffer> added, double ceilingDb)
    {
        var gain = new float[kept.Frames];
        for (int pass = 0; pass < 4; pass++)
        {
            var sum = new AudioBuffer(kept.Frames, kept.SampleRate);
            kept.Left.CopyTo(sum.Left, 0);
            kept.Right.CopyTo(sum.Right, 0);
            foreach (var layer in added)
                for (int i = 0; i < sum.Frames; i++) { sum.Left[i] += layer.Left[i]; sum.Right[i] += layer.Right[i]; }
            Limiter.GainCurve(sum, gain, ceilingDb, 2.0, 80);
            if (gain.All(g => g >= 0.9999f)) return;
            foreach (var layer in added)
                for (int i = 0; i < layer.Frames; i++) { layer.Left[i] *= gain[i]; layer.Right[i] *= gain[i]; }
        }
    }
}
