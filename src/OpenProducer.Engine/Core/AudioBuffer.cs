namespace OpenProducer.Engine.Core;

/// <summary>Planar stereo float audio.</summary>
public sealed class AudioBuffer(int frames, int sampleRate)
{
    public float[] Left { get; } = Fresh(frames);
    public float[] Right { get; } = Fresh(frames);
    public int Frames => Left.Length;
    public int SampleRate { get; } = sampleRate;
    public double Seconds => Frames / (double)SampleRate;

    private static float[] Fresh(int frames)
    {
        var samples = new float[frames];
        Prefault.Array(samples);
        return samples;
    }

    /// <summary>
    /// The parts added together, in the order given, into a new buffer with the length and rate of <paramref name="like"/>
    /// (no parts: silence).
    /// </summary>
    public static AudioBuffer Sum(IEnumerable<AudioBuffer> parts, AudioBuffer like)
    {
        var sum = new AudioBuffer(like.Frames, like.SampleRate);
        foreach (var p in parts) sum.Add(p);
        return sum;
    }

    /// <summary>Adds <paramref name="part"/> (as long or longer) into this buffer, sample by sample: the same sums as a plain loop, a vector at a time.</summary>
    public void Add(AudioBuffer part)
    {
        Add(part.Left, Left);
        Add(part.Right, Right);
    }

    /// <summary>Takes <paramref name="part"/> (as long or longer) out of this buffer, sample by sample, a vector at a time.</summary>
    public void Subtract(AudioBuffer part)
    {
        Add(part.Left, Left, -1);
        Add(part.Right, Right, -1);
    }

    /// <summary>Multiplies each frame (both channels) by its gain, in place: the same products as a plain loop, a vector at a time.</summary>
    public void Multiply(float[] gain)
    {
        Multiply(gain, Left);
        Multiply(gain, Right);
    }

    /// <summary><paramref name="to"/>[i] *= <paramref name="gain"/>[i] for every i of <paramref name="to"/>, a vector at a time.</summary>
    public static void Multiply(ReadOnlySpan<float> gain, Span<float> to)
    {
        int n = to.Length;
        if (gain.Length < n) throw new ArgumentException("the gain curve is shorter than the audio");
        var g = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(gain[..n]);
        var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(to);
        for (int v = 0; v < dst.Length; v++) dst[v] *= g[v];
        for (int i = dst.Length * System.Numerics.Vector<float>.Count; i < n; i++) to[i] *= gain[i];
    }

    /// <summary>Multiplies every sample by one gain, in place, a vector at a time.</summary>
    public void Scale(float gain)
    {
        foreach (var channel in new[] { Left, Right })
        {
            var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(channel.AsSpan());
            for (int v = 0; v < dst.Length; v++) dst[v] *= gain;
            for (int i = dst.Length * System.Numerics.Vector<float>.Count; i < channel.Length; i++) channel[i] *= gain;
        }
    }

    /// <summary><paramref name="to"/>[i] += <paramref name="from"/>[i] (with <paramref name="sign"/> -1, -=), a vector at a time.</summary>
    private static void Add(float[] from, float[] to, int sign = 1)
    {
        int n = to.Length;
        if (from.Length < n) throw new ArgumentException("the part is shorter than the buffer it is added into");
        var src = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(from.AsSpan(0, n));
        var dst = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(to.AsSpan());
        int tail = dst.Length * System.Numerics.Vector<float>.Count;
        if (sign < 0)
        {
            for (int v = 0; v < dst.Length; v++) dst[v] -= src[v];
            for (int i = tail; i < n; i++) to[i] -= from[i];
            return;
        }
        for (int v = 0; v < dst.Length; v++) dst[v] += src[v];
        for (int i = tail; i < n; i++) to[i] += from[i];
    }
}
