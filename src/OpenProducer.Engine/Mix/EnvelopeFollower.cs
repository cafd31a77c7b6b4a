namespace OpenProducer.Engine.Mix;

/// <summary>A peak envelope: rises with the attack time constant, falls with the release one.</summary>
public struct EnvelopeFollower(double attackMs, double releaseMs, int sampleRate)
{
    private readonly double _attack = Math.Exp(-1 / (attackMs * 0.001 * sampleRate));
    private readonly double _release = Math.Exp(-1 / (releaseMs * 0.001 * sampleRate));
    private double _value;

    public double Next(double sample)
    {
        double a = Math.Abs(sample), c = a > _value ? _attack : _release;
        return _value = c * _value + (1 - c) * a;
    }
}
