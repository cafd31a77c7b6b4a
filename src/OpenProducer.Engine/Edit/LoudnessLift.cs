using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Edit;

/// <summary>
/// Brings an edit whose kept parts were mastered with other parts under them back to the master's loudness. A voice
/// swapped for one that sings a few lines leaves the band mastered for a song with a voice throughout: the whole can
/// fall 4 dB short of the target (and fail the quality gate). The whole is then raised to the target through the
/// true-peak limiter at the master's ceiling, every part by the same gain curve, so the parts still sum to the whole.
/// A whole within <see cref="SlackLu"/> of the target is left as it is, to the bit, and so is a user's recording.
/// </summary>
public static class LoudnessLift
{
    /// <summary>How far below the target an edit may stay untouched (the quality gate allows 3 LU).</summary>
    public const double SlackLu = 1.0;

    /// <summary>
    /// The gain curve (make-up gain and limiting, per frame) that brings the sum of <paramref name="parts"/> to the
    /// target, or null when the sum is within <see cref="SlackLu"/> of it or above.
    /// </summary>
    public static float[]? Curve(IReadOnlyList<AudioBuffer> parts, double ceilingDb, double targetLufs = Mastering.TargetLufs)
    {
        if (parts.Count == 0) return null;
        var whole = AudioBuffer.Sum(parts, parts[0]);
        double shortBy = targetLufs - Loudness.Integrated(whole);
        if (!double.IsFinite(shortBy) || shortBy <= SlackLu) return null;
        var curve = new float[whole.Frames];
        double gain = Math.Pow(10, shortBy / 20);
        Limiter.GainCurve(TruePeak.Envelope(whole), gain, curve, ceilingDb, whole.SampleRate);
        for (int i = 0; i < curve.Length; i++) curve[i] *= (float)gain;
        return curve;
    }

    /// <summary>Multiplies <paramref name="audio"/> by the curve, in place.</summary>
    public static void Scale(AudioBuffer audio, float[] curve)
    {
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] *= curve[i]; audio.Right[i] *= curve[i]; }
    }

    /// <summary>A copy of <paramref name="audio"/> multiplied by the curve (the original, perhaps another song's kept audio, is left alone).</summary>
    public static AudioBuffer Scaled(AudioBuffer audio, float[] curve)
    {
        var result = new AudioBuffer(audio.Frames, audio.SampleRate);
        for (int i = 0; i < audio.Frames; i++) { result.Left[i] = audio.Left[i] * curve[i]; result.Right[i] = audio.Right[i] * curve[i]; }
        return result;
    }
}
