using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>The master bus meets its targets by construction, whatever the mix looks like.</summary>
public class MasteringTests
{
    private const int Rate = 44100;

    /// <summary>
    /// A low tone that sets the loudness, with short bursts of a tone at a quarter of the sample rate sampled 45° off
    /// its crests: in the bursts every sample is 3 dB under the wave's true peak.
    /// </summary>
    private static AudioBuffer InterSamplePeaks(int seconds)
    {
        var a = new AudioBuffer(seconds * Rate, Rate);
        for (int i = 0; i < a.Frames; i++)
        {
            double burst = i % (Rate / 4) < Rate / 200 ? 0.3 * Math.Sin(Math.PI / 2 * i + Math.PI / 4) : 0;
            float v = (float)(0.05 * Math.Sin(2 * Math.PI * 100 * i / Rate) + burst);
            a.Left[i] = v;
            a.Right[i] = v;
        }
        return a;
    }

    private static double SamplePeakDb(AudioBuffer a) => 20 * Math.Log10(a.Left.Concat(a.Right).Max(Math.Abs));

    [Fact]
    public void The_limiter_holds_the_true_peak_under_its_ceiling_not_only_the_samples()
    {
        var input = InterSamplePeaks(8);
        Assert.True(Loudness.TruePeakDb(input) > SamplePeakDb(input) + 2, "the test signal has inter-sample peaks");
        var (master, report) = Mastering.Master(input, ceilingDb: -2);
        double truePeak = Loudness.TruePeakDb(master);
        // A limiter that reads samples only would leave the true peak near +1 dBTP here.
        Assert.True(truePeak <= -1.95, $"true peak {truePeak:F2} dBTP (samples {SamplePeakDb(master):F2} dBFS)");
        Assert.True(report.GainDb > 10, $"the bursts needed limiting: gain {report.GainDb:F1} dB");
        Assert.InRange(report.IntegratedLufs, -14.1, -13.9);
    }

    [Fact]
    public void Loudness_converges_on_a_mix_that_needs_heavy_limiting()
    {
        // A quiet bed with a loud click every half second: reaching -14 LUFS takes about 20 dB of limiting on the clicks.
        var a = new AudioBuffer(10 * Rate, Rate);
        var rng = new Random(3);
        for (int i = 0; i < a.Frames; i++)
        {
            float bed = (float)(0.002 * Math.Sin(2 * Math.PI * 110 * i / Rate) + 0.0005 * (rng.NextDouble() - 0.5));
            float click = i % (Rate / 2) < 40 ? 0.9f * (float)Math.Exp(-(i % (Rate / 2)) / 8.0) : 0;
            a.Left[i] = bed + click;
            a.Right[i] = bed - click;
        }
        var (master, report) = Mastering.Master(a);
        Assert.InRange(report.IntegratedLufs, -14.1, -13.9);
        Assert.True(Loudness.TruePeakDb(master) <= Mastering.DefaultCeilingDb + 0.05);
        Assert.True(report.GainDb > 15, $"gain {report.GainDb:F1} dB");
    }

    [Fact]
    public void The_loudness_measured_while_the_limiter_writes_is_the_loudness_of_what_it_wrote()
    {
        // Long enough that each pass of the gain search is measured on a thread following the limiter.
        var input = InterSamplePeaks(12);
        var (master, report) = Mastering.Master(input);
        Assert.Equal(Loudness.Integrated(master), report.IntegratedLufs);
    }

    [Fact]
    public void A_reader_following_a_writer_sees_every_frame_written_and_stops_when_the_writer_fails()
    {
        var audio = InterSamplePeaks(7);
        var copy = new AudioBuffer(audio.Frames, Rate);
        var written = new FramesWritten();
        double followed = double.NaN;
        Cores.Both(() =>
        {
            try
            {
                // Written in uneven stretches with pauses, so the reader catches up and waits.
                for (int at = 0; at < audio.Frames;)
                {
                    int n = Math.Min(audio.Frames - at, 10_007 + at % 3_001);
                    audio.Left.AsSpan(at, n).CopyTo(copy.Left.AsSpan(at));
                    audio.Right.AsSpan(at, n).CopyTo(copy.Right.AsSpan(at));
                    at += n;
                    written.Advance(at);
                    if (at % 7 == 0) Thread.Sleep(1);
                }
            }
            finally
            {
                written.End();
            }
        }, () => followed = Loudness.Integrated(copy, written));
        Assert.Equal(Loudness.Integrated(audio), followed);

        var stopped = new FramesWritten();
        stopped.Advance(audio.Frames / 2);
        stopped.End();
        Assert.Throws<OperationCanceledException>(() => Loudness.Integrated(copy, stopped));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_master_with_a_gain_trim_and_dips_is_made_again_to_the_bit(bool dipped)
    {
        var request = new CompositionRequest { Prompt = "acoustic folk song with harmonica, 20 seconds", Seed = 1007, Instrumental = true };
        var song = Composer.Compose(request);
        AudioBuffer mix;
        using (var synth = new FluidSynthRenderer(TestSoundFonts.Small)) mix = synth.Render(song.Score);
        double mixLufs = Mastering.Prepare(mix);
        var mastered = new AudioBuffer(mix.Frames, mix.SampleRate);
        // Two dips that overlap, applied in turn after the trim, as the encoder check takes them.
        MasterDip[]? dips = dipped ? [new(3 * Rate, 3 * Rate + 9000, -0.8), new(3 * Rate + 2000, 3 * Rate + 7000, -0.3)] : null;
        var report = Mastering.Finish(mix, mastered, -2.5) with { MixLufs = mixLufs, TrimDb = -0.37, Dips = dips };
        Mastering.Trim(mastered, report.TrimDb);
        foreach (var dip in dips ?? []) Dips.Apply(mastered, dip);

        var made = new SongEngine(TestSoundFonts.Options).Produce(new SongRecipe(request, report), stems: true, CancellationToken.None);
        Assert.Equal(mastered.Left, made.Master.Left);
        Assert.Equal(mastered.Right, made.Master.Right);
        // The stems carry the trim and the dips too, so they still sum to the master (over the dips as elsewhere).
        double sum = 0, diff = 0;
        for (int i = dipped ? 3 * Rate : 0; i < (dipped ? 3 * Rate + 9000 : mastered.Frames); i++)
        {
            double s = made.Stems!.Values.Sum(x => (double)x.Left[i]);
            sum += mastered.Left[i] * (double)mastered.Left[i];
            diff += (s - mastered.Left[i]) * (s - mastered.Left[i]);
        }
        Assert.True(10 * Math.Log10(diff / sum) < -40);
    }
}
