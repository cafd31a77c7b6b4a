using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>Vocal production: the de-esser, the colours a prompt asks for, breaths before phrases and the level ride.</summary>
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

    private const string Verses = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\nShoes on my feet I'm ready to run\nEvery step feels like a loaded gun\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin\nNo more shadows no more lies\nJust the truth that lifts me high";

    [Fact]
    public void A_breath_comes_before_each_phrase_after_a_rest_and_nothing_is_added_inside_the_lines()
    {
        var song = Composer.Compose(new CompositionRequest { Prompt = "pop ballad", Seed = 4, Lyric = Verses, VocalGender = "f" });
        var score = song.Score;
        int frames = (int)((score.TimeOf(song.Lines[^1].End) + 1) * Rate);
        var dry = Singer.Sing(song, frames, Rate, CancellationToken.None);
        var breathed = new AudioBuffer(frames, Rate);
        dry.Left.CopyTo(breathed.Left, 0);
        dry.Right.CopyTo(breathed.Right, 0);
        Phrasing.AddBreaths(breathed, song, song.Lines);
        var added = breathed.Left.Select((v, i) => v - dry.Left[i]).ToArray();

        int breaths = 0;
        for (int i = 0; i < song.Lines.Count; i++)
        {
            double start = score.TimeOf(song.Lines[i].Start), end = score.TimeOf(song.Lines[i].End);
            Assert.True(Media.RmsDb(added.AsSpan((int)(start * Rate), (int)((end - start) * Rate))) <= -199, $"line {i}: something added inside the line");
            double rest = i == 0 ? start : start - score.TimeOf(song.Lines[i - 1].End);
            if (rest < Phrasing.BreathAfterRest) continue;
            int from = (int)((start - 0.45) * Rate), to = (int)((start - 0.15) * Rate);
            double breath = Media.RmsDb(added.AsSpan(from, to - from)), voice = Media.RmsDb(dry.Left.AsSpan((int)(start * Rate), (int)((end - start) * Rate)));
            var high = added[from..to];
            Biquad.HighPass(1000, 0.707, Rate).Process(high);
            output.WriteLine($"line {i} after {rest:F2} s of rest: breath {breath - voice:F1} dB under the voice, {Media.RmsDb(high) - breath:F1} dB of it above 1 kHz");
            Assert.InRange(breath - voice, -30, -14);
            Assert.True(Media.RmsDb(high) - breath >= -1.5, "a breath is air, above 1 kHz");
            breaths++;
        }
        Assert.True(breaths >= 2, $"only {breaths} phrases after a rest");
    }

    [Fact]
    public void The_ride_keeps_every_line_the_same_distance_above_the_band()
    {
        var song = Composer.Compose(new CompositionRequest { Prompt = "pop ballad", Seed = 4, Lyric = Verses, VocalGender = "m" });
        AudioBuffer band;
        using (var synth = new FluidSynthRenderer(TestSoundFonts.Small, Rate)) band = synth.Render(song.Score);
        var vocal = Vocals.Render(song, band, 0.5, CancellationToken.None)!;
        var score = song.Score;
        var above = song.Lines.Select(l =>
        {
            int from = (int)(score.TimeOf(l.Start) * Rate), to = (int)(score.TimeOf(l.End) * Rate);
            return Media.RmsDb(vocal.Left.AsSpan(from, to - from)) - Media.RmsDb(band.Left.AsSpan(from, to - from));
        }).ToList();
        output.WriteLine("voice over band, line by line: " + string.Join(", ", above.Select(a => $"{a:F1}")) + " dB");
        Assert.True(above.Max() - above.Min() <= 1.5, $"lines sit {above.Min():F1} to {above.Max():F1} dB above the band");
        Assert.InRange(above.Average(), 1.5, 3.5);
    }
}
