namespace OpenProducer.Engine.Core;

/// <summary>Planar stereo float audio.</summary>
public sealed class AudioBuffer(int frames, int sampleRate)
{
    public float[] Left { get; } = new float[frames];
    public float[] Right { get; } = new float[frames];
    public int Frames => Left.Length;
    public int SampleRate { get; } = sampleRate;
    public double Seconds => Frames / (double)SampleRate;

    /// <summary>
    /// The parts added together, in the order given, into a new buffer with the length and rate of <paramref name="like"/>
    /// (no parts: silence).
    /// </summary>
    public static AudioBuffer Sum(IEnumerable<AudioBuffer> parts, AudioBuffer like)
    {
        var sum = new AudioBuffer(like.Frames, like.SampleRate);
        foreach (var p in parts)
            for (int i = 0; i < sum.Frames; i++) { sum.Left[i] += p.Left[i]; sum.Right[i] += p.Right[i]; }
        return sum;
    }
}
