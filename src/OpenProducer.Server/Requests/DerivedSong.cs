using System.Globalization;
using System.Text.Json.Nodes;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Api;

namespace OpenProducer.Server.Requests;

/// <summary>The recipe of a song made from one of the caller's songs (a variation or an edit), checked against that song.</summary>
public static class DerivedSong
{
    /// <summary>
    /// A new song made from one of the caller's songs, as a recipe built on the song's own. A variation takes the
    /// request's seed as its variation number and its weirdness as how far to go (of an edited song, it arranges the
    /// song's tune again in its own style). An edit keeps the source's title, style and words unless the request
    /// brings its own; its times must lie within the song, checked here, before any work.
    /// </summary>
    public static (AudioRequest?, ProducerError?) Build(AudioRequest request, JsonNode item, SongRecipe record)
    {
        var src = record.Request;
        string title = item["title"]?.GetValue<string>() ?? "", sound = item["sound"]?.GetValue<string>() ?? src.Prompt;
        string lyric = item["lyric"]?.GetValue<string>() ?? "";
        // A recording sings when a voice was heard in it; its lyric describes it, so no words of it are known to go on with.
        bool sings = record.Recording is { } heard ? heard.Melody.Count > 0 : lyric.Length > 0 && lyric != "[Instrumental]";
        double duration = Json.Seconds(item["duration"]);
        bool camel = AudioRequestParser.IsCamel(request.Action);
        string audioField = camel ? "audioId" : "audio_id";
        if (record.Depth >= SongLimits.MaxEditDepth)
            return (null, ProducerError.BadRequest($"{audioField} is invalid: the song is the end of a chain of {record.Depth} edits, the most there may be; edit an earlier song of the chain."));
        var editKind = AudioRequestParser.Edits.TryGetValue(request.Action, out var k) ? k : (EditKind?)null;
        // Every edit works on a recording. A song made from one holds the recording's audio where its score has no
        // notes, so only what keeps that audio (an extension, a replacement) can be made of it again.
        if (record.Root is not null && record.Recording is null && editKind is not (EditKind.Extend or EditKind.Replace))
            return (null, ProducerError.BadRequest($"{audioField} is invalid: a song made from an uploaded recording can be extended or have a section replaced; for {request.Action}, use the recording itself."));
        if (editKind is not { } kind) return Variation(request, record, title, sound, lyric, camel);

        double from = 0, to = 0;
        if (kind == EditKind.Extend)
        {
            from = request.ContinueAt ?? duration;
            if (from <= 0 || from > duration + 1e-6)
                return (null, ProducerError.BadRequest($"{(camel ? "continueAt" : "continue_at")} is invalid: it must be after 0 and at most the song's duration, {duration.ToString("0.##", CultureInfo.InvariantCulture)} seconds."));
            from = Math.Min(from, duration);
            // A recording continues from a downbeat, so the groove goes on across the join.
            if (record.Recording is { } recording) from = recording.Snap(from);
            // Without a length asked for, the new material is at least a bar (its words set how long; the worker checks).
            if (from + (request.ExtendSeconds ?? 1) > SongLimits.MaxSeconds)
                return (null, ProducerError.BadRequest(request.ExtendSeconds is double more
                    ? $"extendDuration is invalid: the song would last {(from + more).ToString("0.##", CultureInfo.InvariantCulture)} seconds; a song may last at most {SongLimits.MaxSeconds:0} seconds ({SongLimits.Minutes(SongLimits.MaxSeconds)})."
                    : $"{(camel ? "continueAt" : "continue_at")} is invalid: nothing can be added after {from.ToString("0.##", CultureInfo.InvariantCulture)} seconds; a song may last at most {SongLimits.MaxSeconds:0} seconds ({SongLimits.Minutes(SongLimits.MaxSeconds)})."));
        }
        else if (kind == EditKind.Replace)
        {
            (from, to) = (request.ReplaceStart!.Value, request.ReplaceEnd!.Value);
            if (to > duration + 1e-6)
                return (null, ProducerError.BadRequest($"{(camel ? "replaceEnd" : "replace_section_end")} is invalid: it must be at most the song's duration, {duration.ToString("0.##", CultureInfo.InvariantCulture)} seconds."));
            to = Math.Min(to, duration);
            if (record.Recording is { } recording)
            {
                // New bars in a recording run from downbeat to downbeat.
                (from, to) = (recording.Snap(from), recording.Snap(to));
                if (to - from < 1)
                    return (null, ProducerError.BadRequest($"{(camel ? "replaceEnd" : "replace_section_end")} is invalid: the span must hold at least one bar of the recording (its bars last {recording.BarSeconds.ToString("0.##", CultureInfo.InvariantCulture)} seconds)."));
            }
        }
        var style = StyleOf(record).Request;
        bool styled = request.Prompt.Length > 0 || request.Sounds.Count > 0;
        var part = new CompositionRequest
        {
            // The new material continues the song's style unless the request names one; a vocal swap's prompt
            // describes the voice.
            Prompt = styled ? request.Prompt : style.Prompt,
            Sounds = styled ? request.Sounds : style.Sounds,
            Lyric = request.Lyric,
            WriteLyrics = kind is EditKind.Extend or EditKind.Replace && sings && record.Recording is null && !request.Instrumental && string.IsNullOrWhiteSpace(request.Lyric),
            Instrumental = request.Instrumental,
            Seed = request.Seed,
            Weirdness = request.Weirdness,
            SoundStrength = request.SoundStrength,
            LyricsStrength = request.LyricsStrength,
            VocalGender = request.VocalGender,
            Model = record.Recording is null ? src.Model : request.Model,
        };
        if (kind == EditKind.SwapVocals && !styled) part = part with { Prompt = "" };
        var edit = new SongEdit(kind, record, from, to, request.ExtendSeconds, request.Strength);
        // Edits that keep audio carry the source's master settings on; a cover is mastered afresh.
        var made = new SongRecipe(part, kind == EditKind.Cover ? null : record.Master, edit);
        return (request with
        {
            Recipe = made,
            Title = request.Title ?? (title.Length > 0 ? title : null),
            Sound = styled && kind != EditKind.SwapVocals ? request.Sound : sound,
            Lyric = string.IsNullOrWhiteSpace(request.Lyric) ? lyric : request.Lyric,
            Instrumental = request.Instrumental || !sings && string.IsNullOrWhiteSpace(request.Lyric),
        }, null);
    }

    /// <summary>
    /// A variation: the song's recipe with a variation number (the request's seed) and how far to go (its weirdness);
    /// of an edited song, its tune arranged again in its own style. What the request brings is honoured, as the
    /// seeds' own examples send it: new words (<c>lyric</c>/<c>lyrics</c>, when they differ from the song's) sung on
    /// the varied tune, no voice (<c>instrumental</c>/<c>makeInstrumental</c>), and <c>sounds</c> that pull the style
    /// toward them (added to the song's own; an empty text adds nothing).
    /// </summary>
    private static (AudioRequest?, ProducerError?) Variation(AudioRequest request, SongRecipe record, string title, string sound, string lyric, bool camel)
    {
        var src = record.Request;
        string words = request.Lyric.Trim();
        bool newWords = words.Length > 0 && words != lyric.Trim() && !request.Instrumental;
        var pull = request.Sounds.Where(s => s.Text.Length > 0).ToList();
        SongRecipe recipe;
        if (record.Edit is null && record.Recording is null)
        {
            var varied = src with { Variation = request.Seed | 1, Weirdness = request.Weirdness };
            if (newWords) varied = varied with { Lyric = words, WriteLyrics = false };
            if (request.Instrumental) varied = varied with { Instrumental = true };
            if (pull.Count > 0) varied = varied with { Sounds = [.. src.Sounds, .. pull] };
            recipe = new SongRecipe(varied, null);
        }
        else
        {
            // An edited song, or a recording, is varied by arranging its tune again, and an arrangement keeps the voice.
            if (request.Instrumental && !src.Instrumental)
                return (null, ProducerError.BadRequest($"{(camel ? "makeInstrumental" : "instrumental")} is invalid: a variation of an edited song keeps its voice; swap_instrumentals or a variation of the song before the edit can leave it out."));
            var style = StyleOf(record).Request;
            recipe = new SongRecipe(style with
            {
                Seed = request.Seed, Weirdness = request.Weirdness, Lyric = newWords ? words : "", WriteLyrics = false, VocalGender = null,
                Sounds = pull.Count > 0 ? [.. style.Sounds, .. pull] : style.Sounds,
            }, null, new SongEdit(EditKind.Cover, record, Strength: request.Weirdness));
        }
        bool instrumental = src.Instrumental || request.Instrumental;
        return (request with
        {
            Recipe = recipe, Prompt = src.Prompt, Model = src.Model, Title = request.Title ?? title,
            Sound = pull.Count > 0 ? string.Join(", ", new[] { sound }.Concat(pull.Select(p => p.Text)).Where(t => t.Length > 0)) : sound,
            Lyric = instrumental ? "" : newWords ? words : lyric,
            Instrumental = instrumental, Custom = newWords || !src.WriteLyrics && src.Lyric.Length > 0, Sounds = [],
        }, null);
    }

    /// <summary>
    /// The recipe whose request carries a song's style: its own, except for a vocal swap, whose prompt described
    /// the voice (the style is its source's).
    /// </summary>
    private static SongRecipe StyleOf(SongRecipe recipe) => recipe.Edit is { Kind: EditKind.SwapVocals } edit ? StyleOf(edit.Source) : recipe;
}
