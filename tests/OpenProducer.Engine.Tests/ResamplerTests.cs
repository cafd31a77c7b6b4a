using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine.Tests;

/// <summary>The voice's resampler against the windowed-sinc sum it stands for, and against tones it must pass or stop.</summary>
[Trait("Category", "Fast")]
public class ResamplerTests
{
    [Theory]
    [InlineData(16000 * 1.06, 44100)]   // a flite line read with its formants moved up, as the singer does
    [InlineData(16000 * 0.93, 44100)]
    [InlineData(16000, 8000)]           // the pitch tracker's copy
    [InlineData(44100, 22050 * 0.97)]
    public void Each_output_is_the_windowed_sinc_sum_over_the_input(double from, double to)
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 3000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = Resampler.Apply(x, from, to);
        double ratio = to / from;
        Assert.Equal((int)Math.Floor(x.Length * ratio), y.Length);
        double cutoff = Math.Min(1, ratio) * 0.97, worst = 0;
        // The first and last outputs (their taps run off the input's ends), and every 37th between.
        foreach (int n in Enumerable.Range(0, y.Length).Where(n => n < 40 || n >= y.Length - 40 || n % 37 == 0))
        {
            double t = n / ratio, sum = 0;
            for (int k = Math.Max(0, (int)Math.Ceiling(t - 16 / cutoff)); k <= Math.Min(x.Length - 1, (int)Math.Floor(t + 16 / cutoff)); k++)
                sum += x[k] * Kernel((k - t) * cutoff);
            worst = Math.Max(worst, Math.Abs(sum * cutoff - y[n]));
        }
        // The kernel is read from a table (a 512th of a zero crossing, linearly between entries) in single precision:
        // its error stays under 1e-4 of full scale on white noise at full scale (-80 dB).
        Assert.True(worst < 1e-4, $"worst error {worst:E2}");
    }

    [Fact]
    public void Tones_under_the_new_Nyquist_pass_and_those_over_it_are_stopped()
    {
        // 16 kHz to 8 kHz: 1 kHz comes through at its level and frequency; 6 kHz (over 4 kHz) is stopped.
        double Level(double hz, out double measuredHz)
        {
            var x = Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 16000))).ToArray();
            var y = Resampler.Apply(x, 16000, 8000)[1000..7000];
            // Level by RMS; frequency by the phase advance between samples (zero crossings over the stretch).
            int crossings = Enumerable.Range(1, y.Length - 1).Count(i => y[i - 1] < 0 && y[i] >= 0);
            measuredHz = crossings * 8000.0 / y.Length;
            return 20 * Math.Log10(Math.Sqrt(y.Average(v => (double)v * v)) / (0.5 / Math.Sqrt(2)));
        }
        Assert.InRange(Level(1000, out double hz), -0.05, 0.05);
        Assert.InRange(hz, 995, 1005);
        Assert.True(Level(6000, out _) < -70, "6 kHz leaks through the 8 kHz copy");
    }

    [Fact]
    public void The_same_input_resamples_to_the_same_samples()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 20000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        Assert.Equal(Resampler.Apply(x, 16000 * 1.03, 44100), Resampler.Apply(x, 16000 * 1.03, 44100));
    }

    private static double Kernel(double v)
    {
        v = Math.Abs(v);
        if (v > 16) return 0;
        double sinc = v == 0 ? 1 : Math.Sin(Math.PI * v) / (Math.PI * v);
        return sinc * (0.42 + 0.5 * Math.Cos(Math.PI * v / 16) + 0.08 * Math.Cos(2 * Math.PI * v / 16));
    }
}
