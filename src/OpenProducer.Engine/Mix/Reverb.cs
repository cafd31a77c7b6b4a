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
        var left = new Freeverb(Combs.Select(d => (int)(d * scale)), AllPasses.Select(d => (int)(d * scale)), feedback, damping);
        var right = new Freeverb(Combs.Select(d => (int)((d + Spread) * scale)), AllPasses.Select(d => (int)((d + Spread) * scale)), feedback, damping);
        float w = (float)wet, ws = (float)(wet * wetWidth);
        // Block by block (the reverbs stream), so no song-length copy of either tail is held; the channels are
        // independent, so both run at once.
        int block = Math.Min(Block, audio.Frames);
        var outL = new float[block];
        var outR = new float[block];
        for (int from = 0; from < audio.Frames; from += block)
        {
            int n = Math.Min(block, audio.Frames - from);
            Parallel.Invoke(Cores.Loop(),
                () => left.Process(audio.Left.AsSpan(from, n), outL.AsSpan(0, n)),
                () => right.Process(audio.Right.AsSpan(from, n), outR.AsSpan(0, n)));
            var l = audio.Left.AsSpan(from, n);
            var r = audio.Right.AsSpan(from, n);
            for (int i = 0; i < n; i++)
            {
                float m = 0.5f * (outL[i] + outR[i]), sd = 0.5f * (outL[i] - outR[i]);
                l[i] += w * m + ws * sd;
                r[i] += w * m - ws * sd;
            }
        }
    }

    /// <summary>Frames per block: long enough that handing the two channels to two cores costs nothing that shows.</summary>
    private const int Block = 1 << 16;
}
