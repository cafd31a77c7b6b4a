using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine;

/// <summary>Edits that cost what they change: songs' audio kept once made, and new material rendered alone.</summary>
public sealed partial class SongEngine
{
    /// <summary>The song's kept audio, or null when it is not kept (or is a user's recording, whose file is its audio).</summary>
    private SongAudio? Kept(SongRecipe recipe, bool stems, CancellationToken ct) =>
        recipe.Recording is null && recipe.Master is not null ? Options.Kept?.Find(recipe, stems, ct) : null;

    /// <summary>Hands what was made of a song to the store that keeps it, and returns it.</summary>
    private SongAudio Keep(SongRecipe recipe, SongAudio audio)
    {
        if (recipe.Recording is null && recipe.Master is not null) Options.Kept?.Keep(recipe, audio);
        return audio;
    }

    /// <summary>
    /// The stems of a song from a prompt whose stems are not kept: the parts rendered and mastered with the master's
    /// gain curve, then the master beside them, the kept one when it is kept (the parts' render could then be another
    /// engine's) and otherwise the mix, mastered in place as <see cref="Render"/> does. The kept master is read only
    /// when it is not that mix, and only once the stems are done. Null for an edit.
    /// </summary>
    private SongAudio? StemsBeside(SongRecipe recipe, bool stems, CancellationToken ct)
    {
        if (!stems || !Fresh(recipe) || recipe.Master is not { } master) return null;
        var (mix, captured, voices, _) = Mix(Compose(recipe), recipe.Request.LyricsStrength, stems: true, ct);
        var parts = new Dictionary<string, AudioBuffer>(captured!)
        {
            [StemGroups.Vocals] = voices?.Lead ?? Silence(mix),
            [StemGroups.BackingVocals] = voices?.Backing ?? Silence(mix),
        };
        // The mix is mastered in place with the stems: it is the master when it is the one kept (the same engine made
        // both; the store tells by the samples' hash), or none is.
        var mastered = MasterStems(parts, mix, master);
        if (Options.Kept?.Holds(recipe, mix) == true) return new SongAudio(mix, mastered);
        var kept = Kept(recipe, stems: false, ct)?.Master;
        return new SongAudio(kept is not null && kept.Frames == mix.Frames ? kept : mix, mastered);
    }

    /// <summary>The whole score a recipe describes rendered and mastered with its settings (what an edit rendered before windows: the yardstick for them).</summary>
    internal SongAudio RenderWhole(SongRecipe recipe, bool stems, CancellationToken ct) =>
        Render(Compose(recipe), recipe.Master ?? throw new EngineException("the song has not been mastered yet"), recipe.Request.LyricsStrength, stems, ct);

    /// <summary>
    /// A window of an edited song rendered and mastered alone with the song's master settings: the band from the
    /// window's start (to its end, or to <paramref name="until"/> seconds of the song plus the join's crossfade and a
    /// second for the limiter's look-ahead), the voice, the master's chain. Its first seconds are the pre-roll,
    /// where the reverb, the compressors and the limiter settle; the join lies after it.
    /// </summary>
    private SongAudio RenderWindow(SongWindow window, MasterReport master, double lyricsStrength, bool stems, double? until, CancellationToken ct)
    {
        var song = window.Song;
        int rate = Options.SampleRate;
        int whole = FluidSynthRenderer.FramesFor(song.Score, rate);
        int frames = until is double to ? Math.Min(whole, (int)Math.Ceiling((to + Splice.CrossfadeSeconds + 1) * rate) - window.Offset) : whole;
        var (bandMix, bandStems, _) = RenderBand(song, Math.Max(1, frames), stems);
        (AudioBuffer Mix, Dictionary<string, AudioBuffer>? Stems) band = (bandMix, bandStems);
        ct.ThrowIfCancellationRequested();
        var mix = band.Mix;
        var voices = Vocals.RenderParts(song, mix, lyricsStrength, ct);
        voices?.AddInto(mix);
        ct.ThrowIfCancellationRequested();
        if (band.Stems is null)
        {
            Mastering.ApplyInPlace(mix, master);
            return new SongAudio(mix, null);
        }
        var parts = new Dictionary<string, AudioBuffer>(band.Stems)
        {
            [StemGroups.Vocals] = voices?.Lead ?? Silence(mix),
            [StemGroups.BackingVocals] = voices?.Backing ?? Silence(mix),
        };
        var mastered = MasterStems(parts, mix, master);
        return new SongAudio(mix, mastered);
    }
}
