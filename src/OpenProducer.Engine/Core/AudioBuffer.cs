namespace OpenProducer.Engine.Core;

/// <summary>Planar stereo float audio.</summary>
public sealed class AudioBuffer(int frames, int sampleRate)
{
    public float[] Left { get; } = new float[frames];
    public float[] Right { get; } = new float[frames];
    public int Frames => Left.Length;
    public int SampleRate { get; } = sampleRate;
    public double Seconds => Frames / (double)SampleRate;
}
