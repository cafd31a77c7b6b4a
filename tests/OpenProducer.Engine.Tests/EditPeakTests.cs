using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// An edit keeps its source's audio as it was, so the new material's ceiling cannot answer an overshoot in the kept
/// part: the edit is then trimmed as a whole, and the trim is kept in its recipe so the edit is made again exactly.
/// </summary>
public class EditPeakTests(ITestOutputHelper output)
{
    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    [Fact]
    public async Task A_replacement_whose_kept_audio_peaks_over_the_ceiling_is_trimmed_as_a_whole_and_made_again_bit_for_bit()
    {
        var store = new OneSongStore();
        var engine = new SongEngine(TestSoundFonts.Options with { Kept = store });
        string dir = Directory.CreateTempSubdirectory("edit-peak-").FullName;
        var source = await engine.CreateAsync(new CompositionRequest { Prompt = "upbeat pop with piano, 40 seconds", Seed = 21, Lyric = Lyric },
            Path.Combine(dir, "a.m4a"), Path.Combine(dir, "a.jpg"), null, CancellationToken.None);
        // The source as kept is hotter than any master the engine delivers: its true peak is over the ceiling.
        var hot = Mastering.Copy(source.Audio!);
        Mastering.Trim(hot, 1.5 - source.Master.TruePeakDb + Mastering.TruePeakCeilingDb);
        double hotPeak = Loudness.TruePeakDb(hot);
        Assert.True(hotPeak > Mastering.TruePeakCeilingDb + 0.2, $"the kept source peaks at {hotPeak:F2} dBTP");
        store.Hold(source.Recipe, hot);

        var recipe = new SongRecipe(new CompositionRequest { Prompt = "upbeat pop with piano", Seed = 22, Lyric = "[Verse]\nRain on the roof and a song in my head" },
            source.Recipe.Master, new SongEdit(EditKind.Replace, source.Recipe, From: 12, To: 22));
        var edited = await engine.CreateAsync(recipe, Path.Combine(dir, "b.m4a"), Path.Combine(dir, "b.jpg"), null, CancellationToken.None);
        double trim = edited.Recipe.Master!.EditTrimDb;
        output.WriteLine($"kept source {hotPeak:F2} dBTP; edit delivered {edited.Master.TruePeakDb:F2} dBTP, {edited.Master.IntegratedLufs:F2} LUFS, trimmed {trim:F2} dB");
        Assert.True(edited.Master.TruePeakDb <= Mastering.TruePeakCeilingDb, $"the edit peaks at {edited.Master.TruePeakDb:F2} dBTP");
        Assert.InRange(trim, -(hotPeak - Mastering.TruePeakCeilingDb) - 1.0, -0.1);

        // Made again from its recipe (the source read from the store), the edit is what was delivered.
        var again = engine.Produce(edited.Recipe, stems: false, CancellationToken.None).Master;
        Assert.Equal(edited.Audio!.Left, again.Left);
        Assert.Equal(edited.Audio.Right, again.Right);
        // An edit of the edit starts from it as it is: its trim is not taken again.
        var next = new SongRecipe(recipe.Request with { Seed = 23 }, edited.Recipe.Master, new SongEdit(EditKind.Extend, edited.Recipe, From: 30, Seconds: 10));
        var extended = await engine.CreateAsync(next, Path.Combine(dir, "c.m4a"), Path.Combine(dir, "c.jpg"), null, CancellationToken.None);
        Assert.True(extended.Master.TruePeakDb <= Mastering.TruePeakCeilingDb);
        Assert.True(extended.Recipe.Master!.EditTrimDb > trim, $"the extension trimmed {extended.Recipe.Master.EditTrimDb:F2} dB again");
    }

    [Fact]
    public async Task An_extension_whose_kept_audio_peaks_over_at_one_spot_is_dipped_there_and_made_again_bit_for_bit()
    {
        var store = new OneSongStore();
        var engine = new SongEngine(TestSoundFonts.Options with { Kept = store });
        string dir = Directory.CreateTempSubdirectory("edit-spot-").FullName;
        try
        {
            var source = await engine.CreateAsync(new CompositionRequest { Prompt = "upbeat pop with piano, 70 seconds", Seed = 41, Instrumental = true },
                Path.Combine(dir, "a.m4a"), Path.Combine(dir, "a.jpg"), null, CancellationToken.None);
            // The source as kept has one hot transient at 20 s, over the ceiling on its own.
            var hot = Mastering.Copy(source.Audio!);
            for (int i = 0; i < 200; i++) hot.Left[20 * 44100 + i] = hot.Right[20 * 44100 + i] = (float)(0.97 * Math.Sin(Math.PI * i / 200));
            store.Hold(source.Recipe, hot);
            var recipe = new SongRecipe(new CompositionRequest { Prompt = "upbeat pop with piano", Seed = 42, Instrumental = true },
                source.Recipe.Master, new SongEdit(EditKind.Extend, source.Recipe, From: Math.Floor(source.DurationSeconds - 8), Seconds: 12));
            var edited = await engine.CreateAsync(recipe, Path.Combine(dir, "b.m4a"), Path.Combine(dir, "b.jpg"), null, CancellationToken.None);
            var master = edited.Recipe.Master!;
            output.WriteLine($"source {source.DurationSeconds:F1} s, edit {edited.DurationSeconds:F1} s; edit delivered {edited.Master.TruePeakDb:F2} dBTP, dips {string.Join("; ", master.Dips ?? [])}, ceiling {master.CeilingDb:F2}, trim {master.EditTrimDb:F2}");
            Assert.NotNull(master.Dips);
            Assert.Contains(master.Dips, d => d.From < 20 * 44100 && d.To > 20 * 44100 + 200);
            Assert.Equal(source.Recipe.Master!.CeilingDb, master.CeilingDb);
            Assert.Equal(0, master.EditTrimDb);
            Assert.True(edited.Master.TruePeakDb <= Mastering.TruePeakCeilingDb - 0.1, $"the edit peaks at {edited.Master.TruePeakDb:F2} dBTP");
            // Made again from its recipe (the source read from the store), the edit is what was delivered.
            var again = engine.Produce(edited.Recipe, stems: false, CancellationToken.None).Master;
            Assert.Equal(edited.Audio!.Left, again.Left);
            Assert.Equal(edited.Audio.Right, again.Right);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_edits_dips_fall_on_the_finished_edit_at_its_own_frames_and_on_its_stems_alike()
    {
        var engine = new SongEngine(TestSoundFonts.Options);
        string dir = Directory.CreateTempSubdirectory("edit-dips-").FullName;
        try
        {
            var source = await engine.CreateAsync(new CompositionRequest { Prompt = "upbeat pop with piano, 30 seconds", Seed = 31, Lyric = Lyric },
                Path.Combine(dir, "a.m4a"), Path.Combine(dir, "a.jpg"), null, CancellationToken.None);
            var plain = new SongRecipe(new CompositionRequest { Prompt = "upbeat pop with piano", Seed = 32 }, source.Recipe.Master! with { Dips = null },
                new SongEdit(EditKind.Extend, source.Recipe, From: 20, Seconds: 12));
            // One dip in the kept part, one in the new material past the join (the new material renders from a window
            // that starts before the join: a dip taken at the window's frames instead would land elsewhere).
            MasterDip[] dips = [new(10 * 44100, 10 * 44100 + 9000, -0.7), new(26 * 44100, 26 * 44100 + 12000, -0.4)];
            var dipped = plain with { Master = plain.Master! with { Dips = dips } };
            var expected = engine.Produce(plain, stems: true, CancellationToken.None);
            Dips.Apply(expected.Stems!.Values.Append(expected.Master), dips);
            var made = engine.Produce(dipped, stems: true, CancellationToken.None);
            Assert.Equal(expected.Master.Left, made.Master.Left);
            Assert.Equal(expected.Master.Right, made.Master.Right);
            foreach (var (name, stem) in expected.Stems!) Assert.Equal(stem.Left, made.Stems![name].Left);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A store that keeps one song's master, whatever else it is handed.</summary>
    private sealed class OneSongStore : IKeptAudio
    {
        private SongRecipe? _recipe;
        private AudioBuffer? _master;

        public void Hold(SongRecipe recipe, AudioBuffer master) => (_recipe, _master) = (recipe, master);

        public SongAudio? Find(SongRecipe recipe, bool stems, CancellationToken ct) => !stems && recipe == _recipe ? new SongAudio(_master!, null) : null;

        public void Keep(SongRecipe recipe, SongAudio audio) { }
    }
}
