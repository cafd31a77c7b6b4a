using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Live;

/// <summary>The band as the mixers that render its parts side by side make it: their sum, final up to where all of them are.</summary>
internal sealed class BandView(IReadOnlyList<BandMixer> mixers)
{
    public int SampleRate => mixers[0].Mix.SampleRate;

    /// <summary>How far every mixer is final.</summary>
    public int Rendered => mixers.Min(m => m.Rendered);

    /// <summary>One frame of the band, left and right.</summary>
    public (float Left, float Right) this[int frame]
    {
        get
        {
            float l = 0, r = 0;
            foreach (var m in mixers) { l += m.Mix.Left[frame]; r += m.Mix.Right[frame]; }
            return (l, r);
        }
    }

    /// <summary>Frames [pos, pos + n) of the band into <paramref name="left"/> and <paramref name="right"/>.</summary>
    public void Read(int pos, int n, float[] left, float[] right)
    {
        mixers[0].Mix.Left.AsSpan(pos, n).CopyTo(left);
        mixers[0].Mix.Right.AsSpan(pos, n).CopyTo(right);
        for (int k = 1; k < mixers.Count; k++)
            for (int i = 0; i < n; i++) { left[i] += mixers[k].Mix.Left[pos + i]; right[i] += mixers[k].Mix.Right[pos + i]; }
    }
}
