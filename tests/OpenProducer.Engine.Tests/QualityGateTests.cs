using OpenProducer.Engine.Core;

using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class QualityGateTests
{
    /// <summary>A 440 Hz tone at the given level, with an optional silent gap.</summary>
    private static AudioBuffer Tone(double seconds, double levelDb, double gapFrom = -1, double gapLength = 0)
    {
        var a = new AudioBuffer((int)(seconds * 44100), 44100);
        float amp = (float)Math.Pow(10, levelDb / 20);
        for (int i = 0; i < a.Frames; i++)
        {
            double t = i / 44100.0;
            float v = t >= gapFrom && t < gapFrom + gapLength ? 0 : amp * (float)Math.Sin(2 * Math.PI * 440 * t);
            a.Left[i] = a.Right[i] = v;
        }
        return a;
    }

    [Fact]
    public void A_song_at_target_loudness_passes()
    {
        // BS.1770: a full-scale sine in both channels is about 0 LUFS (440 Hz sits 0.7 dB under in K-weighting).
        var a = Tone(20, -13.3);
        double lufs = Loudness.Integrated(a);
        Assert.InRange(lufs, -15, -13);
        Assert.Null(QualityGate.Check(a, 20, -11));
    }

    [Fact]
    public void A_silent_gap_longer_than_two_seconds_fails_with_where_it_is()
    {
        var a = Tone(20, -13.3, gapFrom: 8, gapLength: 2.6);
        string? problem = QualityGate.Check(a, 20, -11);
        Assert.NotNull(problem);
        Assert.Contains("silent for", problem);
        Assert.Contains("from 8.", problem);
        Assert.Null(QualityGate.Check(Tone(20, -13.3, gapFrom: 8, gapLength: 1.5), 20, -11));
    }

    [Fact]
    public void Clipping_loudness_peaks_and_duration_are_caught()
    {
        var clipped = Tone(20, -13.3);
        for (int i = 1000; i < 1010; i++) clipped.Left[i] = 1f;
        Assert.Contains("clipped", QualityGate.Check(clipped, 20, -1.5));
        Assert.Contains("loudness", QualityGate.Check(Tone(20, -20), 20, -19));
        Assert.Contains("peaks", QualityGate.Check(Tone(20, -13.3), 20, -0.5));
        Assert.Contains("planned", QualityGate.Check(Tone(20, -13.3), 25, -11));
        Assert.Equal("it is silent", QualityGate.Check(Tone(20, -200), 20, -200));
    }
}
