using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// Gentle glue on the mix bus: feed-forward, stereo-linked, RMS detector, 2:1 above a threshold set a few dB
/// over the mix's own loudness, so only the louder passages are held in. It is a gain curve (no saturation),
/// so the same curve can later be applied to every stem.
/// </summary>
public static class BusCompressor
{
    public static void Apply(AudioBuffer audio, double thresholdDb, double ratio = 2, double attackMs = 10, double releaseMs = 150)
    {
        var gain = GainCurve(audio, thresholdDb, ratio, attackMs, releaseMs);
        for (int i = 0; i < audio.Frames; i++)
        {
            audio.Left[i] *= gain[i];
            audio.Right[i] *= gain[i];
        }
    }

    /// <summary>The compressor's gain for each frame of <paramref name="audio"/> (not applied).</summary>
    public static float[] GainCurve(AudioBuffer audio, double thresholdDb, double ratio = 2, double attackMs = 10, double releaseMs = 150)
    {
        double fs = audio.SampleRate;
        double att = Math.Exp(-1 / (attackMs * 0.001 * fs)), rel = Math.Exp(-1 / (releaseMs * 0.001 * fs));
        double rmsCoeff = Math.Exp(-1 / (0.01 * fs));
        double ms = 0, reduction = 0;
        var gain = new float[audio.Frames];
        for (int i = 0; i < audio.Frames; i++)
        {
            double x = (audio.Left[i] * (double)audio.Left[i] + audio.Right[i] * (double)audio.Right[i]) / 2;
            ms = rmsCoeff * ms + (1 - rmsCoeff) * x;
            double level = 10 * Math.Log10(ms + 1e-12);
            double want = level > thresholdDb ? (level - thresholdDb) * (1 - 1 / ratio) : 0;
            reduction = want > reduction ? att * reduction + (1 - att) * want : rel * reduction + (1 - rel) * want;
            gain[i] = (float)Math.Pow(10, -reduction / 20);
        }
        return gain;
    }
}
