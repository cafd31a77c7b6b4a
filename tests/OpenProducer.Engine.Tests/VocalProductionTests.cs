using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>Vocal production: the de-esser, and the colours a prompt asks for.</summary>
public class VocalProductionTests(ITestOutputHelper output)
{
    private const int Rate = 44100;

    [Fact]
    public void The_de_esser_turns_down_sibilant_bursts_and_leaves_vowels_alone()
    {
        // A sung vowel (220 Hz with harmonics) with a hiss burst (5–9 kHz) every half second.
        var rng = new Rng(3);
        var x = new float[Rate * 2];
        var hiss = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double t = i / (double)Rate;
            x[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * t) + 0.1 * Math.Sin(2 * Math.PI * 440 * t));
            hiss[i] = (t % 0.5) is > 0.2 and < 0.3 ? (float)(rng.NextDouble() * 2 - 1) : 0;
        }
        Biquad.HighPass(5000, 0.707, Rate).Process(hiss);
        for (int i = 0; i < x.Length; i++) x[i] += 0.5f * hiss[i];
        var before = (float[])x.Clone();
        DeEsser.Apply(x, Rate);

        double BandDb(float[] s, int from, int to)
        {
            var band = s[from..to];
            Biquad.HighPass(5000, 0.707, Rate).Process(band);
            return Media.RmsDb(band);
        }
        int burstFrom = (int)(0.72 * Rate), burstTo = (int)(0.78 * Rate), vowelFrom = (int)(0.85 * Rate), vowelTo = (int)(0.95 * Rate);
        double cut = BandDb(before, burstFrom, burstTo) - BandDb(x, burstFrom, burstTo);
        double vowel = Media.RmsDb(x.AsSpan(vowelFrom, vowelTo - vowelFrom)) - Media.RmsDb(before.AsSpan(vowelFrom, vowelTo - vowelFrom));
        output.WriteLine($"sibilant band cut {cut:F1} dB; vowel level change {vowel:F2} dB");
        Assert.True(cut >= 4, $"cut {cut:F1} dB");
        Assert.InRange(vowel, -0.5, 0.5);
    }

    [Fact]
    public void Breathy_adds_air_and_powerful_drives_the_voice()
    {
        (double Air, double Crest) Measure(string prompt)
        {
            var song = Composer.Compose(new CompositionRequest { Prompt = prompt, Seed = 4, Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies", VocalGender = "f" });
            AudioBuffer band;
            using (var synth = new FluidSynthRenderer(TestSoundFonts.Small, Rate)) band = synth.Render(song.Score);
            var vocal = Vocals.Render(song, band, 0.5, CancellationToken.None)!;
            var score = song.Score;
            int from = (int)(score.TimeOf(song.Lines[0].Start) * Rate), to = (int)(score.TimeOf(song.Lines[^1].End) * Rate);
            var sung = vocal.Left[from..to];
            var air = (float[])sung.Clone();
            Biquad.HighPass(5000, 0.707, Rate).Process(air);
            double rms = Media.RmsDb(sung), peak = 20 * Math.Log10(sung.Max(Math.Abs));
            return (Media.RmsDb(air) - rms, peak - rms);
        }
        var plain = Measure("pop");
        var breathy = Measure("pop, breathy");
        var powerful = Measure("pop, powerful");
        output.WriteLine($"air above 5 kHz: plain {plain.Air:F1} dB, breathy {breathy.Air:F1} dB; crest factor: plain {plain.Crest:F1} dB, powerful {powerful.Crest:F1} dB");
        Assert.True(breathy.Air >= plain.Air + 3, "a breathy voice carries more air");
        Assert.True(powerful.Crest <= plain.Crest - 1, "a powerful voice is driven harder");
    }
}
