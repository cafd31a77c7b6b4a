using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>Natural expression: the words' rhythm in the melody, and vibrato that starts late in long notes.</summary>
public class ExpressionTests(ITestOutputHelper output)
{
    private static string Sheet => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "english-sheet.txt"));

    [Fact]
    public void Lyrics_strength_sets_how_far_stressed_syllables_are_lengthened()
    {
        double Ratio(double strength)
        {
            var song = Composer.Compose(new CompositionRequest { Prompt = "pop", Seed = 8, Lyric = Sheet, LyricsStrength = strength });
            double stressed = 0, unstressed = 0; int ns = 0, nu = 0;
            foreach (var line in song.Lines)
            {
                var notes = song.Melody.Where(m => m.Start >= line.Start - 1e-6 && m.Start < line.End - 1e-6).ToList();
                var stresses = Syllables.Stresses(line.Text);
                // The last note of a line is held to its end whatever its stress: leave it out.
                for (int i = 0; i < notes.Count - 1 && i < stresses.Count; i++)
                    if (stresses[i]) { stressed += notes[i].Length; ns++; } else { unstressed += notes[i].Length; nu++; }
            }
            return (stressed / ns) / (unstressed / nu);
        }
        double plain = Ratio(0), strict = Ratio(1);
        output.WriteLine($"stressed/unstressed note length: lyrics_strength 0 → {plain:F2}, 1 → {strict:F2}");
        Assert.InRange(plain, 0.9, 1.15);
        Assert.True(strict >= 1.8, $"{strict:F2}");
    }

    [Fact]
    public void Long_notes_carry_a_vibrato_that_starts_late()
    {
        var song = Composer.Compose(new CompositionRequest { Prompt = "ballad", Seed = 12, Lyric = Sheet, VocalGender = "f" });
        var score = song.Score;
        int frames = (int)((score.TimeOf(song.Lines[^1].End) + 1) * 44100);
        var dry = Singer.Sing(song, frames, 44100, CancellationToken.None);
        var track = Media.AubioPitch(dry, "midi");

        int transpose = Singer.Transpose(song.Voice.Gender);
        var early = new List<double>();
        var late = new List<double>();
        foreach (var m in song.Melody)
        {
            double start = score.TimeOf(m.Start), end = score.TimeOf(m.Start + m.Length);
            if (end - start < 0.7) continue;
            double Deviation((double Time, double Value) p) => p.Value - (m.Pitch + transpose);
            var e = track.Where(p => p.Time >= start + 0.08 && p.Time < start + 0.2).Select(Deviation).Where(d => Math.Abs(d) < 1).ToList();
            var l = track.Where(p => p.Time >= start + 0.45 && p.Time < end - 0.05).Select(Deviation).Where(d => Math.Abs(d) < 1).ToList();
            if (e.Count >= 5 && l.Count >= 10) { early.Add(StdDev(e)); late.Add(StdDev(l)); }
        }
        double earlySd = Median(early), lateSd = Median(late);
        output.WriteLine($"{late.Count} long notes: pitch spread early {earlySd * 100:F0} cents, late {lateSd * 100:F0} cents");
        Assert.True(late.Count >= 5, "too few long notes to judge");
        Assert.True(lateSd > earlySd * 1.5 && lateSd >= 0.1, "the vibrato grows late in the note");
        Assert.True(lateSd < 0.5, "the vibrato stays within half a semitone");
    }

    private static double StdDev(List<double> x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count);
    }

    private static double Median(List<double> x) => x.Count == 0 ? 0 : x.Order().ElementAt(x.Count / 2);
}
