using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// Edits of a user's recording, the recording being one of our own songs encoded as a file, described by its own
/// score's grid (what an analysis of it should find): what is kept is the recording's decoded audio to the sample,
/// and the new material plays in its tempo and key.
/// </summary>
public sealed class RecordingEditTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recording-edit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(SongRecipe Root, ComposedSong Truth)> RecordAsync(SongEngine engine)
    {
        var request = new CompositionRequest
        {
            Prompt = "warm folk pop, acoustic guitar, 4/4", Seed = 5, Lyric = "[Verse]\nSunlight on the window pane\nWashing off the winter rain\n[Chorus]\nHold on, hold on\nMorning comes along",
        };
        var made = await engine.CreateAsync(request, Path.Combine(_dir, "take.m4a"), Path.Combine(_dir, "take.jpg"), null, CancellationToken.None);
        var score = made.Composition.Score;
        var downbeats = Enumerable.Range(0, score.TotalBars).Select(b => score.TimeOf(b * score.BeatsPerBar)).ToList();
        var recording = new Recording("take.m4a", made.DurationSeconds, score.Tempo, score.BeatsPerBar, downbeats, score.KeyRoot, score.Minor,
            made.Master.IntegratedLufs, made.Master.TruePeakDb);
        return (new SongRecipe(new CompositionRequest { Prompt = "folk pop" }, null) { Recording = recording }, made.Composition);
    }

    [Fact]
    public async Task An_extension_keeps_the_recording_to_the_sample_and_continues_in_its_tempo_and_key()
    {
        var engine = new SongEngine(TestSoundFonts.Options with { RecordingsDir = _dir });
        var (root, truth) = await RecordAsync(engine);
        var recording = root.Recording!;
        double from = recording.Snap(recording.Seconds * 0.6);
        Assert.Contains(from, recording.Downbeats);
        var request = new CompositionRequest { Prompt = "folk pop", Seed = 9, Lyric = "[Verse]\nRoads that wander far from home\nEvery step a little stone" };
        var edit = new SongRecipe(request, null, new SongEdit(EditKind.Extend, root, From: from, Seconds: 24));
        var made = await engine.CreateAsync(edit, Path.Combine(_dir, "ext.m4a"), Path.Combine(_dir, "ext.jpg"), null, CancellationToken.None);
        Assert.InRange(made.DurationSeconds, from + 20, from + 28);

        var original = engine.Produce(root, stems: false, CancellationToken.None).Master;
        var extended = engine.Produce(made.Recipe, stems: false, CancellationToken.None).Master;
        int kept = (int)Math.Round(from * original.SampleRate);
        Assert.True(original.Left.AsSpan(0, kept).SequenceEqual(extended.Left.AsSpan(0, kept)));
        Assert.True(original.Right.AsSpan(0, kept).SequenceEqual(extended.Right.AsSpan(0, kept)));

        // The new material: the recording's tempo and key, and a level near the recording's beside it.
        var fresh = Tail(extended, from + 0.5);
        string wav = Path.Combine(_dir, "fresh.wav");
        using (var f = File.Create(wav)) WavWriter.Write16(fresh, f);
        double tempo = Media.AubioTempo(wav);
        Assert.True(Media.TempoMatches(tempo, truth.Score.Tempo), $"new material at {tempo:F1} bpm, the recording at {truth.Score.Tempo}");
        var key = KeyEstimator.Estimate(Mono(fresh));
        Assert.True(KeyEstimator.SameOrRelative(key, (truth.Score.KeyRoot, truth.Score.Minor)), $"new material in {KeyEstimator.Name(key)}, the recording in {truth.KeyName}");
        double before = Loudness.Integrated(Head(original, from - 20, from)), after = Loudness.Integrated(fresh);
        Assert.InRange(after - before, -3, 3);
    }

    [Fact]
    public async Task A_replacement_keeps_the_recording_outside_the_span_and_its_length()
    {
        var engine = new SongEngine(TestSoundFonts.Options with { RecordingsDir = _dir });
        var (root, _) = await RecordAsync(engine);
        var recording = root.Recording!;
        double from = recording.Snap(8), to = recording.Snap(20);
        var request = new CompositionRequest { Prompt = "folk pop", Seed = 4, Lyric = "[Verse]\nLanterns burning in the square" };
        var made = await engine.CreateAsync(new SongRecipe(request, null, new SongEdit(EditKind.Replace, root, from, to)),
            Path.Combine(_dir, "rep.m4a"), Path.Combine(_dir, "rep.jpg"), null, CancellationToken.None);
        var original = engine.Produce(root, stems: false, CancellationToken.None).Master;
        var replaced = engine.Produce(made.Recipe, stems: false, CancellationToken.None).Master;
        Assert.Equal(original.Frames, replaced.Frames);
        int a = (int)Math.Round(from * original.SampleRate), b = (int)Math.Round(to * original.SampleRate);
        Assert.True(original.Left.AsSpan(0, a).SequenceEqual(replaced.Left.AsSpan(0, a)));
        Assert.True(original.Left.AsSpan(b).SequenceEqual(replaced.Left.AsSpan(b)));
        Assert.False(original.Left.AsSpan(a, b - a).SequenceEqual(replaced.Left.AsSpan(a, b - a)));
    }

    [Fact]
    public async Task A_cover_sings_the_recordings_tune_to_new_words_in_the_asked_style()
    {
        var engine = new SongEngine(TestSoundFonts.Options with { RecordingsDir = _dir });
        var (root, truth) = await RecordAsync(engine);
        var score = truth.Score;
        // What an analysis of the recording would hear: its sung notes in seconds.
        var heard = truth.Melody.Select(m => new RecordedNote(score.TimeOf(m.Start), score.TimeOf(m.Start + m.Length), m.Pitch)).ToList();
        root = root with { Recording = root.Recording! with { Melody = heard } };
        var request = new CompositionRequest { Prompt = "synthwave, female vocals", Seed = 12 };
        var cover = SongEditor.Compose(new SongRecipe(request, null, new SongEdit(EditKind.Cover, root, Strength: 1)));

        Assert.NotEmpty(cover.Lines);
        Assert.DoesNotContain(cover.Lines, l => l.Text.StartsWith("la la", StringComparison.Ordinal));
        // The tune, beat by beat: the pitch sounding on each beat is the recording's (a line's new words may split a note).
        var original = PitchPerBeat(truth.Melody);
        var sung = PitchPerBeat(cover.Melody);
        int both = original.Keys.Count(b => sung.TryGetValue(b, out int p) && p == original[b]);
        Assert.True(both >= 0.95 * original.Count, $"{both} of {original.Count} beats sing the recording's pitch");
        // The band is the asked style's: synthwave's synths, not the folk original's guitar.
        Assert.Contains(cover.Score.Tracks, t => t.Program is >= 80 and < 104);
    }

    private static Dictionary<int, int> PitchPerBeat(IEnumerable<MelodyNote> melody)
    {
        var perBeat = new Dictionary<int, int>();
        foreach (var m in melody)
            for (int b = (int)Math.Ceiling(m.Start - 1e-6); b < m.Start + m.Length - 1e-6; b++) perBeat[b] = m.Pitch;
        return perBeat;
    }

    private static AudioBuffer Tail(AudioBuffer audio, double from) => Head(audio, from, audio.Seconds);

    private static AudioBuffer Head(AudioBuffer audio, double from, double to)
    {
        int a = (int)(Math.Max(0, from) * audio.SampleRate), b = (int)(Math.Min(audio.Seconds, to) * audio.SampleRate);
        var result = new AudioBuffer(b - a, audio.SampleRate);
        Array.Copy(audio.Left, a, result.Left, 0, b - a);
        Array.Copy(audio.Right, a, result.Right, 0, b - a);
        return result;
    }

    private static float[] Mono(AudioBuffer audio) => audio.Left.Zip(audio.Right, (l, r) => (l + r) / 2).ToArray();
}
