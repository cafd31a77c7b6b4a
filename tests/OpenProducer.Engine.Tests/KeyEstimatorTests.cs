using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// The key estimate the sweeps judge songs by, checked on signals whose key is known by construction: cadences of
/// harmonic-rich tones (every harmonic at 1/h, as brass or a bowed string has them) with a bass an octave and more
/// below. Half of them minor, with the raised seventh of the dominant, the case that a third-blind estimate calls major.
/// </summary>
[Trait("Category", "Fast")]
public class KeyEstimatorTests
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(0, false)]
    [InlineData(7, false)]
    [InlineData(3, false)]
    [InlineData(10, false)]
    [InlineData(9, true)]
    [InlineData(2, true)]
    [InlineData(6, true)]
    [InlineData(3, true)]
    public void CadencesAreHeardInTheirKey(int tonic, bool minor)
    {
        // i–iv–V–i (I–IV–V–I), each chord two seconds, played twice; the bass on the roots.
        int third = minor ? 3 : 4;
        int[][] chords = [[0, third, 7], [5, minor ? 8 : 9, 12], [7, 11, 14], [0, third, 7]];
        var x = new float[Rate * 2 * chords.Length * 2];
        for (int c = 0; c < chords.Length * 2; c++)
        {
            var chord = chords[c % chords.Length];
            int from = c * 2 * Rate;
            foreach (int step in chord) AddTone(x, from, 2 * Rate, 60 + tonic + step, 0.2);
            AddTone(x, from, 2 * Rate, 36 + tonic + chord[0], 0.3);
        }
        var found = KeyEstimator.Estimate(x, Rate);
        Assert.Equal(KeyEstimator.Name((tonic, minor)), KeyEstimator.Name(found));
    }

    [Fact]
    public void RelativeKeysAgreeAndParallelOnesDoNot()
    {
        Assert.True(KeyEstimator.SameOrRelative(KeyEstimator.Parse("C major"), KeyEstimator.Parse("A minor")));
        Assert.True(KeyEstimator.SameOrRelative(KeyEstimator.Parse("F# minor"), KeyEstimator.Parse("A major")));
        Assert.False(KeyEstimator.SameOrRelative(KeyEstimator.Parse("A major"), KeyEstimator.Parse("A minor")));
        Assert.False(KeyEstimator.SameOrRelative(KeyEstimator.Parse("C major"), KeyEstimator.Parse("G major")));
    }

    private static void AddTone(float[] x, int from, int length, int midi, double level)
    {
        double f0 = 440 * Math.Pow(2, (midi - 69) / 12.0);
        for (int h = 1; h <= 8 && f0 * h < Rate / 2.0; h++)
        {
            double w = 2 * Math.PI * f0 * h / Rate, a = level / h;
            for (int i = 0; i < length; i++)
            {
                double envelope = Math.Min(1, i / 400.0) * Math.Min(1, (length - i) / 2000.0);
                x[from + i] += (float)(a * envelope * Math.Sin(w * i));
            }
        }
    }
}
