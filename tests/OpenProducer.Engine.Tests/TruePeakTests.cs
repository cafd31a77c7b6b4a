using OpenProducer.Engine.Core;

using OpenProducer.Engine.Mix;

namespace OpenProducer.Engine.Tests;

/// <summary>The true-peak meter the mastering loop trusts on the decoded file, against peaks placed by construction.</summary>
[Trait("Category", "Fast")]
public class TruePeakTests
{
    [Theory]
    [InlineData(0.75, 0.95, 0.9)]
    [InlineData(0.5, 0.9, 0.8)]
    [InlineData(0.25, 0.85, 0.8)]
    public void A_peak_between_a_quiet_and_a_loud_sample_is_read_after_a_louder_sample_peak(double offset, double amplitude, double bandwidth)
    {
        // Two band-limited pulses (windowed sincs up to a share of Nyquist, as an encoded file's content is): the first
        // on a sample (0.8), the second between two samples, where the sample before it is under half the first pulse
        // and the one after it under the pulse's height.
        const int n = 4096;
        var audio = new AudioBuffer(n, 44100);
        AddPulse(audio.Left, 1000, 0.8, bandwidth);
        AddPulse(audio.Left, 3000 + offset, amplitude, bandwidth);
        audio.Left.CopyTo(audio.Right, 0);
        double samplePeak = 20 * Math.Log10(audio.Left.Max(Math.Abs));
        double truePeak = Loudness.TruePeakDb(audio);
        Assert.True(samplePeak < 20 * Math.Log10(amplitude) - 0.3, $"the samples alone read {samplePeak:F2} dB");
        Assert.InRange(truePeak, 20 * Math.Log10(amplitude) - 0.15, 20 * Math.Log10(amplitude) + 0.15);
    }

    [Fact]
    public void The_envelope_is_its_definition_to_the_bit_frame_by_frame()
    {
        // Per frame: the larger magnitude of either channel at the sample and at the three points after it, each point's
        // taps summed in order in single precision, zeros past the ends. The meter's vector loops must give exactly this.
        var audio = new AudioBuffer(3 * 4096 + 777, 44100);
        var rng = new Rng(11);
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] = (float)(rng.NextDouble() - 0.5); audio.Right[i] = (float)(0.7 * Math.Sin(i * 1.9)); }
        var envelope = new float[audio.Frames];
        TruePeak.Envelope(audio, 0, audio.Frames, envelope);
        int half = TruePeak.Phases[0].Length / 2;
        for (int i = 0; i < audio.Frames; i++)
        {
            float expected = 0;
            foreach (var channel in new[] { audio.Left, audio.Right })
            {
                expected = Math.Max(expected, Math.Abs(channel[i]));
                for (int p = 1; p < TruePeak.Phases.Length; p++)
                {
                    float sum = 0;
                    for (int k = 0; k < TruePeak.Phases[p].Length; k++)
                    {
                        int at = i - (half - 1) + k;
                        sum += (at >= 0 && at < audio.Frames ? channel[at] : 0f) * TruePeak.Phases[p][k];
                    }
                    expected = Math.Max(expected, Math.Abs(sum));
                }
            }
            Assert.True(expected == envelope[i], $"frame {i}: {envelope[i]} against {expected}");
        }
    }

    [Fact]
    public void The_envelope_of_long_audio_made_on_two_cores_is_the_one_made_in_one_pass_to_the_bit()
    {
        var audio = new AudioBuffer(12 * 44100 + 1234, 44100);
        var rng = new Rng(3);
        for (int i = 0; i < audio.Frames; i++) { audio.Left[i] = (float)(rng.NextDouble() - 0.5); audio.Right[i] = (float)(0.5 * Math.Sin(i * 0.3)); }
        var whole = new float[audio.Frames];
        TruePeak.Envelope(audio, 0, audio.Frames, whole);
        Assert.Equal(whole, TruePeak.Envelope(audio));
        // The song's true peak, measured a stretch at a time, is the envelope's highest value.
        int loudest = whole.AsSpan().IndexOf(whole.Max());
        Assert.Equal(whole.Max(), TruePeak.Max(audio));
        audio.Left[loudest] = 3;
        Assert.True(TruePeak.Max(audio) >= 3);
        // A stretch's peak is the envelope's highest value in it, however long (on two cores past a few seconds).
        foreach (var (from, count) in new[] { (0, 100), (loudest + 50, 7 * 44100), (1000, audio.Frames), (audio.Frames - 10, 500) })
        {
            int a = Math.Min(from, audio.Frames), b = Math.Min(a + count, audio.Frames);
            var envelope = new float[audio.Frames];
            TruePeak.Envelope(audio, 0, audio.Frames, envelope);
            Assert.Equal(envelope.AsSpan(a, b - a).ToArray().DefaultIfEmpty().Max(), TruePeak.Max(audio, from, count));
        }
    }

    [Fact]
    public void The_limiter_made_in_its_envelope_s_place_or_handed_out_frame_by_frame_is_the_curve_it_makes_apart()
    {
        var rng = new Rng(5);
        var envelope = new float[50_000];
        for (int i = 0; i < envelope.Length; i++) envelope[i] = (float)(rng.NextDouble() * (i % 997 == 0 ? 3 : 1));
        var apart = new float[envelope.Length];
        Limiter.GainCurve(envelope, 1.3, apart, -2.2, 44100);
        Assert.Contains(apart, g => g < 0.5f);
        Assert.All(apart, g => Assert.InRange(g, 0f, 1f));
        var inPlace = (float[])envelope.Clone();
        Limiter.GainCurve(inPlace, 1.3, inPlace, -2.2, 44100);
        Assert.Equal(apart, inPlace);
    }

    private static void AddPulse(float[] x, double centre, double amplitude, double bandwidth)
    {
        for (int i = Math.Max(0, (int)centre - 200); i < Math.Min(x.Length, (int)centre + 200); i++)
        {
            double t = i - centre, u = bandwidth * t;
            double sinc = Math.Abs(u) < 1e-9 ? 1 : Math.Sin(Math.PI * u) / (Math.PI * u);
            x[i] += (float)(amplitude * sinc * (0.5 + 0.5 * Math.Cos(Math.PI * t / 200)));
        }
    }
}
