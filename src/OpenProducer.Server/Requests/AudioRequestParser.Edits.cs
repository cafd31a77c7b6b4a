using System.Text.Json;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Api;

namespace OpenProducer.Server.Requests;

/// <summary>The editing actions' fields, in both dialects.</summary>
public static partial class AudioRequestParser
{
    /// <summary>
    /// An edit in the snake_case dialect (seed 002): <c>audio_id</c>, the new words and style, and the action's own
    /// numbers. Times are checked against the song itself at submission.
    /// </summary>
    private static AudioRequest? Edit(FieldReader f, AudioRequest common, EditKind kind)
    {
        var on = OnExistingSong(f, common);
        string prompt = (f.String("prompt", MaxSoundText) ?? "").Trim();
        string lyric = f.String("lyric", MaxLyric) ?? "";
        bool instrumental = f.Bool("instrumental") ?? false;
        double soundStrength = f.Number("sound_strength", 0.2, 1) ?? 0.5;
        double lyricsStrength = f.Number("lyrics_strength", 0, 1) ?? 0.5;
        string? gender = VocalGender(f, "vocal_gender");
        double? continueAt = kind == EditKind.Extend ? f.Number("continue_at", 0, 3600) : null;
        double? start = kind == EditKind.Replace ? f.Number("replace_section_start", 0, 3600) : null;
        double? end = kind == EditKind.Replace ? f.Number("replace_section_end", 0, 3600) : null;
        double strength = kind == EditKind.Cover ? f.Number("cover_strength", 0.2, 1) ?? 1 : 1;
        if (f.Error is not null || on is null) return null;
        if (kind == EditKind.Replace && RequireSpan(f, start, end, "replace_section_start", "replace_section_end")) return null;
        return on with
        {
            Prompt = prompt, Sound = prompt, Lyric = lyric, Custom = lyric.Length > 0, Instrumental = instrumental,
            SoundStrength = soundStrength, LyricsStrength = lyricsStrength, VocalGender = gender,
            ContinueAt = continueAt, ReplaceStart = start, ReplaceEnd = end, Strength = strength,
        };
    }

    /// <summary>
    /// An edit in the create_music dialect (seed 004): camelCase fields, <c>sounds[]</c> with strengths 0.2–1 and
    /// no spans, <c>coverStrength</c> 0–1, <c>extendDuration</c> seconds of new material.
    /// </summary>
    private static AudioRequest? EditMusic(FieldReader f, JsonElement body, AudioRequest common, EditKind kind)
    {
        var on = OnExistingSong(f, common, "audioId");
        string lyrics = f.String("lyrics", MaxLyric) ?? "";
        bool instrumental = f.Bool("makeInstrumental") ?? false;
        double lyricsStrength = f.Number("lyricsStrength", 0, 1) ?? 0.5;
        string? gender = VocalGender(f, "vocalGender") ?? VocalGender(f, "vocal_gender");
        var sounds = Sounds(f, body, minStrength: 0.2, spans: false);
        double? continueAt = kind == EditKind.Extend ? f.Number("continueAt", 0, 3600) : null;
        double? extend = kind == EditKind.Extend ? f.Number("extendDuration", 1, MaxExtendSeconds) : null;
        double? start = kind == EditKind.Replace ? f.Number("replaceStart", 0, 3600) : null;
        double? end = kind == EditKind.Replace ? f.Number("replaceEnd", 0, 3600) : null;
        double strength = kind == EditKind.Cover ? f.Number("coverStrength", 0, 1) ?? 0.5 : 1;
        var coverArt = kind == EditKind.Cover ? f.HttpUrl("coverArtUrl") : null;
        if (f.Error is not null || on is null) return null;
        if (kind == EditKind.Replace && RequireSpan(f, start, end, "replaceStart", "replaceEnd")) return null;
        string sound = string.Join(", ", sounds.Where(s => s.Text.Length > 0).Select(s => s.Text));
        return on with
        {
            Prompt = sound, Sound = sound, Sounds = sounds, Lyric = lyrics, Custom = lyrics.Length > 0, Instrumental = instrumental,
            LyricsStrength = lyricsStrength, SoundStrength = sounds.Count > 0 ? sounds.Average(s => s.Strength) : 0.5, VocalGender = gender,
            ContinueAt = continueAt, ExtendSeconds = extend, ReplaceStart = start, ReplaceEnd = end, Strength = strength, CoverArtUrl = coverArt,
        };
    }

    /// <summary>Both ends of a span are required, and the end comes at least a second after the start.</summary>
    private static bool RequireSpan(FieldReader f, double? start, double? end, string startName, string endName)
    {
        if (start is null) f.Reject(ProducerError.Required(startName));
        else if (end is null) f.Reject(ProducerError.Required(endName));
        else if (end - start < 1) f.Reject(ProducerError.BadRequest($"{endName} is invalid: it must be at least 1 second after {startName}."));
        return f.Error is not null;
    }
}
