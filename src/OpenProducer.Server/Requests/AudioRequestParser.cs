using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Style;
using OpenProducer.Server.Api;

namespace OpenProducer.Server.Requests;

/// <summary>
/// Validates a <c>/producer/audios</c> body into an <see cref="AudioRequest"/> or a bad_request naming the field.
/// Both dialects land on the same request: snake_case <c>generate</c> and camelCase <c>create_music</c>.
/// </summary>
public static partial class AudioRequestParser
{
    /// <summary>The editing actions of both dialects (seeds 002 and 004) and what each does to the song.</summary>
    public static readonly IReadOnlyDictionary<string, EditKind> Edits = new Dictionary<string, EditKind>
    {
        ["extend"] = EditKind.Extend, ["replace_section"] = EditKind.Replace, ["cover"] = EditKind.Cover,
        ["swap_vocals"] = EditKind.SwapVocals, ["swap_instrumentals"] = EditKind.SwapInstrumentals,
        ["extend_music"] = EditKind.Extend, ["replace_music"] = EditKind.Replace, ["cover_music"] = EditKind.Cover,
        ["swap_music_vocals"] = EditKind.SwapVocals, ["swap_music_sound"] = EditKind.SwapInstrumentals,
        ["upload_extend"] = EditKind.Extend, ["upload_replace_section"] = EditKind.Replace, ["upload_cover"] = EditKind.Cover,
    };

    public static readonly string[] Implemented = ["generate", "create_music", "stems", "all_stems", "variation", "music_variation", .. Edits.Keys];

    /// <summary>Actions that make a new song from one of the caller's songs (its stored recipe is the starting point).</summary>
    public static readonly string[] FromSong = ["variation", "music_variation", .. Edits.Keys];

    /// <summary>Actions of the camelCase dialect (seed 004), whose errors name its fields (<c>audioId</c>).</summary>
    public static bool IsCamel(string action) => action == "music_variation" || action.Contains("_music", StringComparison.Ordinal);

    /// <summary>Actions that deliver files of an existing song rather than a new song.</summary>
    public static readonly string[] SongFiles = ["stems", "all_stems", "wav", "download", "video"];

    /// <summary>Actions only their own endpoints imply (<c>/producer/wav</c>, <c>/download</c>, <c>/videos</c>, <c>/lyrics</c>).</summary>
    public static readonly string[] EndpointOnly = ["wav", "download", "video", "lyrics"];

    /// <summary>The formats <c>/producer/download</c> makes: the master in four, and the score as a Standard MIDI File.</summary>
    public static readonly string[] Formats = ["mp3", "m4a", "wav", "flac", "midi"];

    /// <summary>The longest extension one request may ask for (seconds), as long as the longest song.</summary>
    public const double MaxExtendSeconds = 240;

    public const int MaxLyricsPrompt = 1000;

    /// <summary>Every field a request to the song and file endpoints may carry, in both dialects; a body's other fields are dropped unread.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "action", "model", "title", "seed", "weirdness", "callback_url", "async", "custom", "instrumental", "prompt", "lyric",
        "sound_strength", "lyrics_strength", "vocal_gender", "audio_id", "format", "bit_depth", "continue_at", "replace_section_start",
        "replace_section_end", "cover_strength", "sounds", "lyrics", "makeInstrumental", "lyricsStrength", "vocalGender", "audioId",
        "continueAt", "extendDuration", "replaceStart", "replaceEnd", "coverStrength", "coverArtUrl",
    };

    public const int MaxPrompt = 200, MaxLyric = 5000, MaxTitle = 80, MaxSoundText = 1000, MaxSounds = 20;

    /// <param name="action">The action an endpoint implies (<c>/producer/stems</c>); null reads it from the body.</param>
    public static (AudioRequest? Request, ProducerError? Error) Parse(JsonElement body, string? action = null)
    {
        var f = new FieldReader(body);
        bool fixedAction = action is not null;
        action ??= f.String("action", 64);
        if (f.Error is not null) return (null, f.Error);
        if (string.IsNullOrWhiteSpace(action)) return (null, ProducerError.Required("action"));
        if (!Implemented.Contains(action) && !(fixedAction && EndpointOnly.Contains(action))) return (null, ProducerError.Invalid("action"));

        string model = f.String("model", 64) is { Length: > 0 } m ? m : ModelPreset.DefaultModel;
        if (f.Error is null && ModelPreset.Find(model) is null) return (null, ProducerError.Invalid("model"));
        string? title = f.String("title", MaxTitle);
        var seed = f.Seed("seed");
        double weirdness = f.Number("weirdness", 0, 1) ?? 0.5;
        var callback = f.HttpUrl("callback_url");
        bool isAsync = f.Bool("async") ?? false;
        var (seedText, seedValue) = seed ?? NewSeed();
        var common = new AudioRequest
        {
            Action = action, Model = model, Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            SeedText = seedText, Seed = seedValue, Weirdness = weirdness, CallbackUrl = callback, Async = isAsync,
        };
        var request = action switch
        {
            "create_music" => CreateMusic(f, body, common),
            "stems" or "all_stems" or "video" => OnExistingSong(f, common),
            "variation" => Variation(f, body, common, camel: false),
            "wav" or "download" => Download(f, common),
            "lyrics" => Lyrics(f, common),
            "music_variation" => Variation(f, body, common, camel: true),
            _ when Edits.TryGetValue(action, out var kind) => IsCamel(action) ? EditMusic(f, body, common, kind) : Edit(f, common, kind),
            _ => Generate(f, common),
        };
        if (f.Error is not null || request is null) return (null, f.Error);
        // Inspiration mode: the engine writes the words when it makes the song (not here: a request may yet be refused
        // for its price, and refusing must cost nothing); the answer then shows them as the song's lyric.
        return (request with { Recorded = RecordedRequest.Of(body, f.Recorded) }, null);
    }

    private static AudioRequest? Generate(FieldReader f, AudioRequest common)
    {
        bool custom = f.Bool("custom") ?? false;
        bool instrumental = f.Bool("instrumental") ?? false;
        string prompt = (f.String("prompt", 1000) ?? "").Trim();
        string lyric = f.String("lyric", MaxLyric) ?? "";
        double soundStrength = f.Number("sound_strength", 0.2, 1) ?? 0.5;
        double lyricsStrength = f.Number("lyrics_strength", 0, 1) ?? 0.5;
        string? gender = VocalGender(f, "vocal_gender");
        if (f.Error is not null) return null;
        // The spec limits the inspiration prompt to 200 characters; in custom mode it is a style description.
        if (!custom && prompt.Length > MaxPrompt)
            f.Reject(ProducerError.BadRequest($"prompt is too long (at most {MaxPrompt} characters)."));
        else if (custom && !instrumental && string.IsNullOrWhiteSpace(lyric))
            f.Reject(ProducerError.BadRequest("lyric is required in custom mode."));
        else if (!custom && prompt.Length == 0 && string.IsNullOrWhiteSpace(lyric))
            f.Reject(ProducerError.Required("prompt"));
        return common with
        {
            Prompt = prompt, Sound = prompt, Lyric = lyric, Custom = custom, Instrumental = instrumental,
            SoundStrength = soundStrength, LyricsStrength = lyricsStrength, VocalGender = gender,
            WriteLyrics = !instrumental && string.IsNullOrWhiteSpace(lyric),
        };
    }

    /// <summary>The singer's gender: "m"/"f" (or "male"/"female"); empty or absent leaves it to the prompt.</summary>
    private static string? VocalGender(FieldReader f, string name)
    {
        string? value = f.String(name, 16)?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (VoiceProfile.ParseGender(value) is not VoiceGender g) { f.Reject(ProducerError.BadRequest($"{name} must be \"m\" or \"f\".")); return null; }
        return g == VoiceGender.Female ? "f" : "m";
    }

    private static AudioRequest? OnExistingSong(FieldReader f, AudioRequest common, string field = "audio_id")
    {
        string? audioId = f.String(field, 100)?.Trim();
        if (f.Error is null && string.IsNullOrEmpty(audioId)) f.Reject(ProducerError.Required(field));
        return common with { AudioId = audioId };
    }

    /// <summary>
    /// A variation of one of the caller's songs, with what the seeds' examples send: new words, no voice, and (the
    /// camelCase dialect) sounds that pull the style; <c>custom</c> is read and needs nothing more here (the song's own
    /// words stand when none are given).
    /// </summary>
    private static AudioRequest? Variation(FieldReader f, JsonElement body, AudioRequest common, bool camel)
    {
        var on = OnExistingSong(f, common, camel ? "audioId" : "audio_id");
        string lyric = f.String(camel ? "lyrics" : "lyric", MaxLyric) ?? "";
        bool instrumental = f.Bool(camel ? "makeInstrumental" : "instrumental") ?? false;
        bool custom = !camel && (f.Bool("custom") ?? false);
        var sounds = camel ? Sounds(f, body, minStrength: 0.2, spans: false) : [];
        if (f.Error is not null || on is null) return null;
        return on with { Lyric = lyric, Instrumental = instrumental, Custom = custom, Sounds = sounds };
    }

    /// <summary>A file of one of the caller's songs: <c>format</c> (download only, mp3 by default; midi or mid for the score) and <c>bit_depth</c> (WAV and FLAC, 16 or 24).</summary>
    private static AudioRequest? Download(FieldReader f, AudioRequest common)
    {
        var on = OnExistingSong(f, common);
        string format = common.Action == "wav" ? "wav" : (f.String("format", 16) ?? "").Trim().ToLowerInvariant() is { Length: > 0 } given ? given : "mp3";
        // "mid" is the files' own extension, which callers reach for as often as the format's name.
        if (format == "mid") format = "midi";
        double? bits = f.Number("bit_depth", 16, 24);
        if (f.Error is not null || on is null) return null;
        if (!Formats.Contains(format)) f.Reject(ProducerError.BadRequest($"format is invalid: it must be one of {string.Join(", ", Formats)}."));
        else if (bits is double b && b is not (16 or 24)) f.Reject(ProducerError.BadRequest("bit_depth is invalid: it must be 16 or 24."));
        return on with { Format = format, BitDepth = (int)(bits ?? 16) };
    }

    /// <summary><c>/producer/lyrics</c>: a prompt (a theme, in English or Chinese) and, our extension, an optional seed.</summary>
    private static AudioRequest? Lyrics(FieldReader f, AudioRequest common)
    {
        string prompt = (f.String("prompt", MaxLyricsPrompt) ?? "").Trim();
        if (f.Error is null && prompt.Length == 0) f.Reject(ProducerError.Required("prompt"));
        return common with { Prompt = prompt, Sound = prompt };
    }

    private static AudioRequest? CreateMusic(FieldReader f, JsonElement body, AudioRequest common)
    {
        string lyrics = f.String("lyrics", MaxLyric) ?? "";
        bool instrumental = f.Bool("makeInstrumental") ?? false;
        double lyricsStrength = f.Number("lyricsStrength", 0, 1) ?? 0.5;
        string? gender = VocalGender(f, "vocalGender") ?? VocalGender(f, "vocal_gender");
        var sounds = Sounds(f, body);
        if (f.Error is not null) return null;
        if (sounds.All(s => string.IsNullOrWhiteSpace(s.Text)) && string.IsNullOrWhiteSpace(lyrics))
            f.Reject(ProducerError.Required("sounds"));
        string sound = string.Join(", ", sounds.Where(s => s.Strength > 0 && !s.Ranged && s.Text.Length > 0).Select(s => s.Text));
        return common with
        {
            Sound = sound, Sounds = sounds, Lyric = lyrics, Custom = !string.IsNullOrWhiteSpace(lyrics),
            Instrumental = instrumental, LyricsStrength = lyricsStrength, SoundStrength = 0.5, VocalGender = gender,
            WriteLyrics = !instrumental && string.IsNullOrWhiteSpace(lyrics),
        };
    }

    /// <summary>
    /// The <c>sounds[]</c> items: text, strength (−1…1 for create_music, where negative pushes away; 0.2…1 for the
    /// edits), and for create_music an optional span in seconds.
    /// </summary>
    private static List<SoundPrompt> Sounds(FieldReader f, JsonElement body, double minStrength = -1, bool spans = true)
    {
        var list = new List<SoundPrompt>();
        if (!body.TryGetProperty("sounds", out var sounds) || sounds.ValueKind == JsonValueKind.Null) return list;
        var recorded = new System.Text.Json.Nodes.JsonArray();
        if (sounds.ValueKind != JsonValueKind.Array || sounds.GetArrayLength() > MaxSounds)
        {
            f.Reject(ProducerError.Invalid("sounds"));
            return list;
        }
        int i = 0;
        foreach (var item in sounds.EnumerateArray())
        {
            string name = $"sounds[{i++}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                f.Reject(ProducerError.Invalid(name.TrimEnd('.')));
                break;
            }
            var r = new FieldReader(item, name);
            string text = (r.String("text", MaxSoundText) ?? "").Trim();
            double strength = r.Number("strength", minStrength, 1) ?? 0.5;
            double? start = r.Number("timeStart", 0, 3600);
            double? end = r.Number("timeEnd", 0, 3600);
            if (!spans && (start ?? end) is not null) r.Reject(ProducerError.BadRequest($"{name}{(start is null ? "timeEnd" : "timeStart")} is only accepted by create_music."));
            if (r.Error is null && start is double s && end is double e && e <= s) r.Reject(ProducerError.BadRequest($"{name}timeEnd is invalid: it must be after timeStart."));
            if (r.Error is not null)
            {
                f.Reject(r.Error);
                break;
            }
            list.Add(new SoundPrompt(text, strength, start, end));
            recorded.Add(r.Recorded);
        }
        f.Record("sounds", recorded);
        return list;
    }

    private static (string, ulong) NewSeed()
    {
        uint s = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        return (s.ToString(CultureInfo.InvariantCulture), s);
    }
}
