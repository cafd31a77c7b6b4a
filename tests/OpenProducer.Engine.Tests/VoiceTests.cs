using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>The English voice, measured on the lead vocal stem with independent tools.</summary>
public class VoiceTests(ITestOutputHelper output)
{
    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\nShoes on my feet I'm ready to run\nEvery step feels like a loaded gun\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin\nNo more shadows no more lies\nJust the truth that lifts me high";

    private static string Chinese => string.Join("\n", File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "chinese-sheet.txt")).Take(10));

    private static async Task<(RenderedSong Song, Dictionary<string, AudioBuffer> Stems)> Make(string lyric, string prompt = "pop ballad", string? gender = null)
    {
        string dir = Directory.CreateTempSubdirectory("voice-test-").FullName;
        var song = await new SongEngine(TestSoundFonts.Options).CreateAsync(new CompositionRequest { Prompt = prompt, Seed = 9, Lyric = lyric, VocalGender = gender },
            Path.Combine(dir, "a.m4a"), Path.Combine(dir, "a.jpg"), null, CancellationToken.None);
        return (song, new SongEngine(TestSoundFonts.Options).Produce(song.Recipe, stems: true, CancellationToken.None).Stems!);
    }

    /// <summary>On the produced stem (compressed, with reverb), not only the dry voice the intelligibility tests hear.</summary>
    [Theory]
    [InlineData("english", "pop ballad", "m", 0.8)]
    [InlineData("english", "pop ballad", "f", 0.8)]
    [InlineData("chinese", "流行 女声", null, 0.7)]
    [InlineData("chinese", "民谣 男声", null, 0.7)]
    public async Task An_independent_pitch_tracker_finds_the_voice_on_the_scores_notes(string language, string prompt, string? gender, double least)
    {
        var (song, stems) = await Make(language == "english" ? Lyric : Chinese, prompt, gender);
        var pitches = Media.AubioPitch(stems[StemGroups.Vocals], "midi");
        var score = song.Composition.Score;
        int transpose = Singer.Transpose(song.Composition.Voice.Gender);
        var notes = song.Composition.Melody.Select(m => (Start: score.TimeOf(m.Start), End: score.TimeOf(m.Start + m.Length), Pitch: m.Pitch + transpose)).ToList();
        int inside = 0, onNote = 0;
        foreach (var (t, midi) in pitches)
        {
            var note = notes.FirstOrDefault(n => t >= n.Start && t < n.End);
            if (note == default) continue;
            inside++;
            if (Math.Abs(midi - note.Pitch) <= 1) onNote++;
        }
        double share = onNote / (double)inside;
        output.WriteLine($"{language}, {song.Composition.Voice.Gender}: {onNote} of {inside} pitched frames within a semitone: {share:P1}");
        Assert.True(inside > 200, "too few pitched frames to judge");
        Assert.True(share >= least, $"only {share:P1} of frames on the note");
    }

    [Fact]
    public async Task The_voice_sings_inside_its_lines_and_an_instrumental_vocal_stem_is_silent()
    {
        var (song, stems) = await Make(Lyric);
        var vocal = stems[StemGroups.Vocals];
        var score = song.Composition.Score;
        var spans = song.Composition.Lines.Select(l => ((int)(score.TimeOf(l.Start) * 44100), (int)(score.TimeOf(l.End) * 44100))).ToList();
        double inE = 0, outE = 0; long inN = 0, outN = 0;
        for (int i = 0; i < vocal.Frames; i++)
        {
            double e = vocal.Left[i] * (double)vocal.Left[i];
            if (spans.Any(s => i >= s.Item1 && i < s.Item2)) { inE += e; inN++; } else { outE += e; outN++; }
        }
        double ratio = 10 * Math.Log10((inE / inN) / (outE / outN + 1e-20));
        output.WriteLine($"vocal energy inside lines vs outside: {ratio:F1} dB");
        Assert.True(ratio >= 10, $"{ratio:F1} dB");
        Assert.DoesNotContain(song.Composition.Score.Tracks.Single(t => t.Role == TrackRole.Lead).Notes,
            n => song.Composition.Lines.Any(l => n.Start >= l.Start && n.Start < l.End));

        var (_, instrumental) = await Make("");
        Assert.True(Media.RmsDb(instrumental[StemGroups.Vocals].Left) <= -199);
    }

    [Theory]
    [InlineData(64, 0, false, 67)]
    [InlineData(71, 0, false, 74)]
    [InlineData(69, 9, true, 72)]
    [InlineData(62, 7, false, 66)]
    public void The_harmony_is_a_diatonic_third_above(int pitch, int key, bool minor, int expected) =>
        Assert.Equal(expected, Vocals.ThirdAbove(pitch, key, minor));

    [Fact]
    public async Task Choruses_get_a_harmony_in_the_backing_vocal_stem_and_verses_do_not()
    {
        var (song, stems) = await Make(Lyric);
        var backing = stems[StemGroups.BackingVocals];
        var score = song.Composition.Score;
        double Rms(string label)
        {
            var s = score.Sections.First(x => x.Label == label);
            int from = (int)(score.TimeOf(s.StartBar * score.BeatsPerBar) * 44100), to = (int)(score.TimeOf((s.StartBar + s.Bars) * score.BeatsPerBar) * 44100);
            return Media.RmsDb(backing.Left.AsSpan(from, to - from));
        }
        double chorus = Rms("Chorus"), verse = Rms("Verse");
        output.WriteLine($"backing vocals: chorus {chorus:F1} dB, verse {verse:F1} dB");
        Assert.True(chorus > verse + 20, $"chorus {chorus:F1} dB vs verse {verse:F1} dB");
        Assert.True(chorus < Media.RmsDb(stems[StemGroups.Vocals].Left), "the harmony sits under the lead");
    }
}
