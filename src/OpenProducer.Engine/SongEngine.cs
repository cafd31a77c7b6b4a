using OpenProducer.Engine.Art;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Live;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine;

/// <summary>A finished song: what was composed, how long it is, how it measured, and the recipe that makes it again.</summary>
public sealed record RenderedSong(ComposedSong Composition, double DurationSeconds, MasterReport Master, SongRecipe Recipe)
{
    /// <summary>What played each part (SoundFont, bank, preset), as the synth reported it.</summary>
    public IReadOnlyList<PartSource> Sources { get; init; } = [];

    /// <summary>The mastered audio the delivered file was encoded from (what a store of kept audio keeps for the recipe).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AudioBuffer? Audio { get; init; }
}

/// <summary>
/// A song's mastered audio and, when asked for, its mastered stems by group (they sum to the master). For a swap,
/// <see cref="KeptTruePeakDb"/> is the true peak of the layer it kept: no gain on the new layer can bring the song
/// below it.
/// </summary>
public sealed record SongAudio(AudioBuffer Master, Dictionary<string, AudioBuffer>? Stems, double KeptTruePeakDb = double.NegativeInfinity);

/// <summary>The whole pipeline: compose (or edit), render, master, encode, paint the cover.</summary>
public sealed partial class SongEngine(EngineOptions options)
{
    public EngineOptions Options { get; } = options;

    /// <summary>The score a recipe describes: a song from a prompt straight from the composer, an edit through the editor.</summary>
    public static ComposedSong Compose(SongRecipe recipe) => recipe.Recording is not null
        ? throw new EngineException("a recording has no score of its own; only its edits do")
        : recipe.Edit is null ? Composer.Compose(recipe.Request) : SongEditor.Compose(recipe);

    public Task<RenderedSong> CreateAsync(CompositionRequest request, string audioPath, string imagePath, IProgress<int>? progress, CancellationToken ct) =>
        CreateAsync(new SongRecipe(request, null), audioPath, imagePath, progress, ct);

    /// <summary>
    /// Makes the song a recipe describes and writes its m4a and cover. A song from a prompt, a cover and a
    /// variation are mastered afresh; the other edits keep the source's mastered audio where the edit keeps it.
    /// </summary>
    /// <param name="title">The song's title, which picks its cover's motif.</param>
    /// <param name="live">Where to stream the song as it is made (a song made afresh; an edit streams nothing).</param>
    public async Task<RenderedSong> CreateAsync(SongRecipe recipe, string audioPath, string imagePath, IProgress<int>? progress, CancellationToken ct,
        string title = "", LiveMix? live = null)
    {
        bool made = false;
        try
        {
            var song = await CreateCoreAsync(recipe, audioPath, imagePath, progress, title, live, ct);
            made = true;
            return song;
        }
        finally
        {
            if (live is not null) await live.EndAsync(made);
        }
    }

    private async Task<RenderedSong> CreateCoreAsync(SongRecipe recipe, string audioPath, string imagePath, IProgress<int>? progress,
        string title, LiveMix? live, CancellationToken ct)
    {
        var composition = Compose(recipe);
        progress?.Report(15);
        ct.ThrowIfCancellationRequested();
        // The cover is painted and written while the song is made (an ffmpeg process of its own, off the song's path).
        var cover = WriteCoverAsync(composition, recipe.Request.Seed, title, imagePath, ct);
        RenderedSong song;
        try
        {
            song = await MakeAudioAsync(recipe, composition, audioPath, progress, live, ct);
        }
        catch
        {
            // The cover is not left writing after the song failed (its caller removes what was written).
            try { await cover; } catch (Exception) { }
            throw;
        }
        progress?.Report(90);
        await cover;
        progress?.Report(100);
        return song;
    }

    private static async Task WriteCoverAsync(ComposedSong composition, ulong seed, string title, string imagePath, CancellationToken ct)
    {
        var rgb = await CallerScheduler.Run(() => CoverArt.Paint(composition, seed, title), ct);
        await Ffmpeg.EncodeJpegAsync(rgb, CoverArt.Size, CoverArt.Size, imagePath, ct);
    }

    private async Task<RenderedSong> MakeAudioAsync(SongRecipe recipe, ComposedSong composition, string audioPath, IProgress<int>? progress,
        LiveMix? live, CancellationToken ct)
    {
        if (!Fresh(recipe)) return await EditAndEncodeAsync(recipe, composition, audioPath, progress, ct);
        var (audio, _, _, sources) = Mix(composition, recipe.Request.LyricsStrength, stems: false, ct, live);
        progress?.Report(55);
        Garbage.CollectAfterStage();
        var (report, mastered) = await MasterAndEncodeAsync(audio, audioPath, progress, ct);
        return new RenderedSong(composition, audio.Seconds, report, recipe with { Master = report }) { Sources = sources, Audio = mastered };
    }

    /// <summary>Whether <see cref="CreateAsync(SongRecipe, string, string, IProgress{int}?, CancellationToken, string, LiveMix?)"/> streams the song as it makes it: a song made afresh (from a prompt, a cover).</summary>
    public static bool Streams(SongRecipe recipe) => Fresh(recipe) && recipe.Recording is null;

    /// <summary>Songs whose whole audio is new: made from a prompt, a cover (a variation is a prompt with a variation number).</summary>
    private static bool Fresh(SongRecipe recipe) => recipe.Edit is null or { Kind: EditKind.Cover };

    /// <summary>
    /// Makes a song's mastered audio again from its recipe, bit for bit, with its stems when asked. An edit makes
    /// its source again first (recursively) and keeps from it what the edit keeps.
    /// </summary>
    /// <remarks>A song whose audio is kept (<see cref="EngineOptions.Kept"/>) is read, not rendered; what is rendered is kept.</remarks>
    public SongAudio Produce(SongRecipe recipe, bool stems, CancellationToken ct) => Source(recipe, stems, null, ct);

    /// <param name="made">Sources already made in this call chain (an edit's passes share its source).</param>
    private SongAudio Produce(SongRecipe recipe, bool stems, Dictionary<SongRecipe, SongAudio>? made, CancellationToken ct)
    {
        if (recipe.Recording is { } recording) return Recorded(recording, stems, ct);
        var master = recipe.Master ?? throw new EngineException("the song has not been mastered yet");
        var song = Compose(recipe);
        if (Fresh(recipe)) return Render(song, master, recipe.Request.LyricsStrength, stems, ct);
        // The edit's dips are taken on the finished edit, at its own frames: what it renders anew is mastered without them.
        var edited = Edited(recipe, song, master with { Dips = null }, stems, made, ct);
        var finished = edited.Stems?.Values.Append(edited.Master) ?? [edited.Master];
        if (master.EditTrimDb != 0)
            foreach (var audio in finished) Mastering.Trim(audio, master.EditTrimDb);
        Dips.Apply(finished, master.Dips);
        return edited;
    }

    /// <summary>An edit's audio made from its source (kept, or made again) and what it renders anew, before <see cref="MasterReport.EditTrimDb"/>.</summary>
    private SongAudio Edited(SongRecipe recipe, ComposedSong song, MasterReport master, bool stems, Dictionary<SongRecipe, SongAudio>? made, CancellationToken ct)
    {
        var edit = recipe.Edit!;
        switch (edit.Kind)
        {
            case EditKind.Extend or EditKind.Replace:
            {
                // The source (kept, or made) is read while the new material renders.
                var reading = Cores.Run(() => Source(edit.Source, stems, made, ct), ct);
                // Only the new material is rendered (from a little before the join). On a recording the whole edit
                // is (its tone and level are matched over stretches around the join), and so is a record made
                // before the mix's loudness was kept (it would be measured on the window alone).
                var window = edit.Source.Recording is null && master.MixLufs is not null ? SongWindow.Before(song, edit.From, Options.SampleRate) : null;
                int offset = window?.Offset ?? 0;
                var fresh = window is null ? Render(song, master, recipe.Request.LyricsStrength, stems, ct)
                    : RenderWindow(window, master, recipe.Request.LyricsStrength, stems, edit.Kind == EditKind.Replace ? edit.To : null, ct);
                var source = reading.GetAwaiter().GetResult();
                if (edit.Source.Recording is not null)
                {
                    MatchTone(source.Master, fresh, edit);
                    if (edit.Kind == EditKind.Replace) LevelToRecording(source.Master, fresh, edit, master.CeilingDb);
                }
                double to = edit.Kind == EditKind.Replace ? edit.To : double.PositiveInfinity;
                var spliced = Splice.Join(source.Master, fresh.Master, edit.From, to, freshOffset: offset);
                if (!stems) return new SongAudio(spliced, null);
                var groups = source.Stems!.Keys.Union(fresh.Stems!.Keys).Order(StringComparer.Ordinal);
                var silent = new AudioBuffer(0, spliced.SampleRate);
                return new SongAudio(spliced, groups.ToDictionary(g => g, g =>
                    Splice.Join(source.Stems.GetValueOrDefault(g) ?? silent, fresh.Stems.GetValueOrDefault(g) ?? silent, edit.From, to, spliced.Frames, offset)));
            }
            case EditKind.SwapVocals:
            {
                var source = Source(edit.Source, stems: true, made, ct).Stems!;
                var band = AudioBuffer.Sum(source.Where(s => !IsVoice(s.Key)).Select(s => s.Value), source.Values.First());
                // The new voice is levelled against the mastered band, so it takes the master's EQ and no more gain.
                var parts = Vocals.RenderParts(song, band, recipe.Request.LyricsStrength, ct);
                var voices = new Dictionary<string, AudioBuffer>
                {
                    [StemGroups.Vocals] = parts?.Lead ?? Silence(band),
                    [StemGroups.BackingVocals] = parts?.Backing ?? Silence(band),
                };
                foreach (var v in voices.Values) Mastering.Equalize(v);
                Splice.Guard(band, voices.Values.ToList(), master.CeilingDb);
                var kept = source.Where(s => !IsVoice(s.Key)).ToList();
                // A voice that sings little of the song leaves it short of the master's loudness: all parts come up
                // together. A user's recording keeps its band as it was recorded.
                if (recipe.Root is null && LoudnessLift.Curve([.. kept.Select(s => s.Value), .. voices.Values], master.CeilingDb) is { } lift)
                {
                    kept = kept.Select(s => KeyValuePair.Create(s.Key, LoudnessLift.Scaled(s.Value, lift))).ToList();
                    foreach (var v in voices.Values) LoudnessLift.Scale(v, lift);
                    band = AudioBuffer.Sum(kept.Select(s => s.Value), band);
                }
                return Combine(kept.Concat(voices), stems) with { KeptTruePeakDb = Loudness.TruePeakDb(band) };
            }
            case EditKind.SwapInstrumentals:
            {
                var source = Source(edit.Source, stems: true, made, ct).Stems!;
                var voice = AudioBuffer.Sum(source.Where(s => IsVoice(s.Key)).Select(s => s.Value), source.Values.First());
                var kept = source.Where(s => IsVoice(s.Key)).ToList();
                var originalBand = AudioBuffer.Sum(source.Where(s => !IsVoice(s.Key)).Select(s => s.Value), voice);
                double bandLufs = Loudness.Integrated(originalBand);
                var (mix, captured, _) = RenderBand(song, voice.Frames, stems: true);
                // The new band goes to the loudness the old one had under this voice, with the master's own chain.
                var (_, report) = Mastering.Master(mix, master.CeilingDb, double.IsNegativeInfinity(bandLufs) ? Mastering.TargetLufs : bandLufs);
                var bandStems = MasterStems(captured!, mix, report);
                Splice.Guard(voice, bandStems.Values.ToList(), master.CeilingDb);
                return Combine(kept.Concat(bandStems), stems) with { KeptTruePeakDb = Loudness.TruePeakDb(voice) };
            }
            default:
                throw new EngineException($"unknown edit {edit.Kind}");
        }
    }

    /// <summary>A song an edit starts from (or one asked for whole): made in this call already, kept, or made now and kept.</summary>
    private SongAudio Source(SongRecipe source, bool stems, Dictionary<SongRecipe, SongAudio>? made, CancellationToken ct)
    {
        if (made is not null && made.TryGetValue(source, out var hit) && (hit.Stems is not null || !stems)) return hit;
        var audio = Kept(source, stems, ct) ?? Keep(source, StemsBeside(source, stems, ct) ?? Produce(source, stems, made, ct));
        if (made is not null) made[source] = audio;
        return audio;
    }

    private static bool IsVoice(string group) => group is StemGroups.Vocals or StemGroups.BackingVocals;

    private static AudioBuffer Silence(AudioBuffer like) => new(like.Frames, like.SampleRate);

    private static SongAudio Combine(IEnumerable<KeyValuePair<string, AudioBuffer>> parts, bool stems)
    {
        var all = parts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);
        return new SongAudio(AudioBuffer.Sum(all.Values, all.Values.First()), stems ? all : null);
    }

    /// <summary>
    /// The band alone, mixed (and its stems by group, when asked), rendered on a pooled synth with the preset's
    /// SoundFonts; <paramref name="frames"/> null renders the whole score and its tail.
    /// </summary>
    private (AudioBuffer Mix, Dictionary<string, AudioBuffer>? Stems, IReadOnlyList<PartSource> Sources) RenderBand(ComposedSong song, int? frames, bool stems,
        LiveMix? live = null)
    {
        using var lease = SynthPool.Rent(Options.SoundsFor(song.Preset), Options.SampleRate, song.Score, hold: !stems);
        int total = frames ?? lease.Synth.FramesFor(song.Score);
        var mixer = new BandMixer(song.Score, total, Options.SampleRate, stems);
        live?.Start(song, mixer, total);
        var sources = lease.Synth.Render(song.Score, total, mixer);
        var (mix, parts) = mixer.Finish();
        return (mix, parts, sources);
    }

    /// <summary>What plays each part of a song: SoundFont, bank and preset, named as the SoundFont names them (no audio is rendered).</summary>
    public IReadOnlyList<PartSource> SourcesOf(ComposedSong song)
    {
        var sounds = Options.SoundsFor(song.Preset);
        return song.Score.Tracks.Select(t =>
        {
            var (file, bank, preset) = sounds.PresetFor(t);
            return new PartSource(t.Name, Path.GetFileName(file), bank, preset, SynthPool.PresetName(sounds, Options.SampleRate, file, bank, preset));
        }).ToList();
    }

    /// <summary>
    /// Renders a composition and masters it with the given settings; with stems, every part is captured from the
    /// same pass and each stem goes through the master's EQ and the master's own gain curve, so they sum to it.
    /// </summary>
    private SongAudio Render(ComposedSong song, MasterReport master, double lyricsStrength, bool stems, CancellationToken ct)
    {
        var (mix, captured, voices, _) = Mix(song, lyricsStrength, stems, ct);
        if (captured is null)
        {
            Mastering.ApplyInPlace(mix, master);
            return new SongAudio(mix, null);
        }
        var parts = new Dictionary<string, AudioBuffer>(captured)
        {
            [StemGroups.Vocals] = voices?.Lead ?? Silence(mix),
            [StemGroups.BackingVocals] = voices?.Backing ?? Silence(mix),
        };
        var stemsMastered = MasterStems(parts, mix, master);
        return new SongAudio(mix, stemsMastered);
    }

    /// <summary>The unmastered mix: the band rendered and mixed (each part captured too, for stems), the voice added.</summary>
    private (AudioBuffer Mix, Dictionary<string, AudioBuffer>? Stems, Vocals.Parts? Voices, IReadOnlyList<PartSource> Sources) Mix(
        ComposedSong song, double lyricsStrength, bool stems, CancellationToken ct, LiveMix? live = null)
    {
        // The voice is sung and produced while the band renders (one core each); only its level riding needs the band.
        int frames = FluidSynthRenderer.FramesFor(song.Score, Options.SampleRate);
        var singing = Cores.Run(() =>
        {
            var sung = Vocals.Sing(song, frames, Options.SampleRate, ct, live?.Lead, live?.Backing);
            if (stems) Garbage.CollectAfterStage(); else Garbage.ReturnNativeFree();
            return sung is null ? null : Vocals.Produce(song, sung, keepSung: live is not null);
        }, ct);
        var (mix, captured, sources) = RenderBand(song, frames, stems, live);
        var produced = singing.GetAwaiter().GetResult();
        ct.ThrowIfCancellationRequested();
        var voices = produced is null ? null : Vocals.Finish(song, produced, mix, lyricsStrength);
        voices?.AddInto(mix);
        ct.ThrowIfCancellationRequested();
        return (mix, captured, voices, sources);
    }

    /// <summary>
    /// The stems mastered as the master is, in place (see <see cref="Mastering.ApplyInPlace"/>), so they sum to it. The
    /// mix they come from is used up: it is left mastered.
    /// </summary>
    private static Dictionary<string, AudioBuffer> MasterStems(IReadOnlyDictionary<string, AudioBuffer> parts, AudioBuffer mix, MasterReport master)
    {
        Mastering.ApplyInPlace(mix, master, parts.Values.ToList());
        return new Dictionary<string, AudioBuffer>(parts);
    }
}
