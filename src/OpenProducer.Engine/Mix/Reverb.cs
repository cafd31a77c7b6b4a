using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// A Schroeder–Moorer reverb in the Freeverb arrangement (eight damped feedback combs in parallel, four
/// all-passes in series, the right channel's delays 23 samples longer for width). Linear, so a stem's reverb
/// stays in its stem.
/// </summary>
public static class Reverb
{
    private static readonly int[] Combs = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllPasses = [556, 441, 341, 225];
    private const int Spread = 23;

    /// <summary>Adds <paramref name="wet"/> of the reverberated signal to the audio, in place.</summary>
    /// <param name="wetWidth">The tail's stereo width (its side against its mid): 1 as the two reverbs make it, more spreads it wider; the mono sum is unchanged.</param>
    public static void Apply(AudioBuffer audio, double roomSize, double damping, double wet, double wetWidth = 1)
    {
        double feedback = 0.7 + 0.28 * Math.Clamp(roomSize, 0, 1);
        double scale = audio.SampleRate / 44100.0;
        float[] outL = [], outR = [];
        // The channels are independent: both run at once.
        Parallel.Invoke(Cores.Loop(),
            () => outL = Process(audio.Left, Combs.Select(d => (int)(d * scale)).ToArray(), AllPasses.Select(d => (int)(d * scale)).ToArray(), feedback, damping),
            () => outR = Process(audio.Right, Combs.Select(d => (int)((d + Spread) * scale)).ToArray(), AllPasses.Select(d => (int)((d + Spread) * scale)).ToArray(), feedback, damping));
        float w = (float)wet, ws = (float)(wet * wetWidth);
        for (int i = 0; i < audio.Frames; i++)
        {
            float m = 0.5f * (outL[i] + outR[i]), sd = 0.5f * (outL[i] - outR[i]);
            audio.Left[i] += w * m + ws * sd;
            audio.Right[i] += w * m - ws * sd;
        }
    }

    private static float[] Process(float[] input, int[] combs, int[] allPasses, double feedback, double damping)
    {
        var output = new float[input.Length];
        new Freeverb(combs, allPasses, feedback, damping).Process(input, output);
        return output;
    }
}
