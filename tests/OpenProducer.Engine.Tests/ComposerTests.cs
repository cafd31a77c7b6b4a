using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class ComposerTests
{
    private static ComposedSong Compose(string prompt, ulong seed = 7, string lyric = "", string model = "FUZZ-2.0") =>
        Composer.Compose(new CompositionRequest { Prompt = prompt, Seed = seed, Lyric = lyric, Model = model });

    private static string Fingerprint(ComposedSong c) =>
        string.Join(";", c.Score.Tracks.Select(t => $"{t.Program}:" + string.Join(",", t.Notes.Select(n => $"{n.Start:F3}/{n.Length:F3}/{n.Pitch}/{n.Velocity}"))));

    [Fact]
    public void The_same_request_and_seed_give_the_same_score()
    {
        Assert.Equal(Fingerprint(Compose("upbeat pop", 42)), Fingerprint(Compose("upbeat pop", 42)));
    }

    [Fact]
    public void Different_seeds_give_different_songs_in_the_same_style()
    {
        var a = Compose("upbeat pop", 1);
        var b = Compose("upbeat pop", 2);
        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
        Assert.Equal(a.Style.Genre, b.Style.Genre);
    }

    [Fact]
    public void A_tempo_in_the_prompt_is_the_score_tempo()
    {
        Assert.Equal(137, Compose("rock at 137 bpm").Score.Tempo);
    }

    [Theory]
    [InlineData("a 30 second jingle")]
    [InlineData("pop song")]
    [InlineData("slow ambient drone, 10 minutes")]
    [InlineData("metal at 200 bpm, 5 seconds")]
    public void Songs_last_between_30_seconds_and_4_minutes(string prompt)
    {
        for (ulong seed = 0; seed < 5; seed++)
        {
            var s = Compose(prompt, seed).Score;
            double seconds = s.TotalBeats * s.SecondsPerBeat;
            Assert.InRange(seconds, 30, 240);
        }
    }

    [Fact]
    public void A_requested_length_is_followed()
    {
        var s = Compose("pop, 60 seconds").Score;
        Assert.InRange(s.TotalBeats * s.SecondsPerBeat, 50, 72);
    }

    [Fact]
    public void Prompted_instruments_are_the_programs_that_play()
    {
        var c = Compose("jazz with saxophone and upright bass");
        Assert.Equal(65, c.Score.Tracks.Single(t => t.Role == TrackRole.Lead).Program);
        Assert.Equal(32, c.Score.Tracks.Single(t => t.Role == TrackRole.Bass).Program);
        Assert.Contains(c.Score.Tracks, t => t.IsDrums);
        Assert.DoesNotContain(Compose("piano ballad with no drums").Score.Tracks, t => t.IsDrums);
    }

    [Fact]
    public void Lyric_sections_become_the_form_and_every_line_is_set_to_notes()
    {
        const string lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin\n[Verse 2]\nDancing through the city streets\nA rhythm pounding in my heartbeat\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";
        var c = Compose("pop", 3, lyric);
        Assert.Equal(["Intro", "Verse", "Chorus", "Verse 2", "Chorus", "Outro"], c.Score.Sections.Select(s => s.Label));
        var choruses = c.Score.Sections.Where(s => s.Label == "Chorus").ToList();
        Assert.Equal(choruses[0].Bars, choruses[1].Bars);
        int syllables = lyric.Split('\n').Where(l => !l.StartsWith('[')).Sum(l => Lyrics.Syllables.Split(l).Count);
        Assert.Equal(syllables, c.Melody.Count);
        // The repeated chorus is sung to the same tune.
        var spb = c.Score.BeatsPerBar;
        var first = c.Melody.Where(m => m.Start >= choruses[0].StartBar * spb && m.Start < (choruses[0].StartBar + choruses[0].Bars) * spb).Select(m => m.Pitch);
        var second = c.Melody.Where(m => m.Start >= choruses[1].StartBar * spb && m.Start < (choruses[1].StartBar + choruses[1].Bars) * spb).Select(m => m.Pitch);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("english-sheet.txt", "upbeat pop")]
    [InlineData("english-sheet.txt", "energetic electronic dance")]
    [InlineData("english-sheet.txt", "slow sad ballad")]
    [InlineData("chinese-sheet.txt", "emotional pop with gentle piano")]
    [InlineData("chinese-sheet.txt", "抒情 民谣")]
    [InlineData("chinese-sheet.txt", "fast punk")]
    public void A_full_lyric_sheet_gives_a_two_to_four_minute_song_with_every_line_sung(string sheet, string prompt)
    {
        string lyric = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", sheet));
        int lines = Lyrics.LyricSheet.Parse(lyric).Sum(s => s.Lines.Count);
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var c = Compose(prompt, seed, lyric);
            double seconds = c.Score.TotalBeats * c.Score.SecondsPerBeat;
            Assert.InRange(seconds, 120, 240);
            Assert.Equal(lines, c.Lines.Count);
        }
    }

    [Fact]
    public void Lighter_models_arrange_fewer_parts_than_the_flagship()
    {
        int Notes(string model) => Compose("upbeat pop with strings", 5, model: model).Score.Tracks.Sum(t => t.Notes.Count);
        var pro = Compose("upbeat pop", 5, model: "FUZZ-2.0 Pro").Score.Tracks.Count;
        var legacy = Compose("upbeat pop", 5, model: "FUZZ-0.8").Score.Tracks.Count;
        Assert.True(pro > legacy, $"{pro} parts vs {legacy}");
        Assert.True(Notes("FUZZ-2.0 Pro") > Notes("FUZZ-0.8"));
    }
}

[Trait("Category", "Fast")]
public class WeirdnessTests
{
    private static ComposedSong Compose(double weirdness, ulong seed) =>
        Composer.Compose(new CompositionRequest { Prompt = "pop song, 2 minutes", Seed = seed, Weirdness = weirdness });

    private static int OutOfKeyChordNotes(ComposedSong c)
    {
        var scale = (c.Score.Minor ? new[] { 0, 2, 3, 5, 7, 8, 10, 11 } : new[] { 0, 2, 4, 5, 7, 9, 11 }).Select(i => (i + c.Score.KeyRoot) % 12).ToHashSet();
        return c.Score.Tracks.Single(t => t.Role == TrackRole.Chords).Notes.Count(n => !scale.Contains(n.Pitch % 12));
    }

    [Fact]
    public void Conventional_songs_stay_in_key_and_adventurous_ones_borrow_chords()
    {
        int conventional = 0, adventurous = 0;
        for (ulong seed = 0; seed < 6; seed++)
        {
            conventional += OutOfKeyChordNotes(Compose(0, seed));
            adventurous += OutOfKeyChordNotes(Compose(1, seed));
        }
        Assert.Equal(0, conventional);
        Assert.True(adventurous > 20, $"{adventurous} borrowed chord notes");
    }

    [Fact]
    public void Adventurous_songs_sometimes_use_unusual_instruments_and_odd_phrase_lengths()
    {
        int[] unusual = [104, 108, 114, 98, 79, 112, 15, 46, 11, 103];
        int odd = 0, unusualParts = 0;
        for (ulong seed = 0; seed < 10; seed++)
        {
            var c = Compose(1, seed);
            odd += c.Score.Sections.Count(s => s.Bars % 4 != 0);
            unusualParts += c.Score.Tracks.Count(t => !t.IsDrums && unusual.Contains(t.Program));
            var plain = Compose(0, seed);
            Assert.DoesNotContain(plain.Score.Sections, s => s.Kind != SectionKind.Intro && s.Kind != SectionKind.Outro && s.Bars % 4 != 0);
            Assert.DoesNotContain(plain.Score.Tracks, t => !t.IsDrums && unusual.Contains(t.Program));
        }
        Assert.True(odd > 0 && unusualParts > 0, $"odd sections {odd}, unusual parts {unusualParts}");
    }
}
