using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Style;
using OpenProducer.Engine.Voice;
using OpenProducer.Server.Api;

namespace OpenProducer.Server.Audios;

/// <summary>
/// Validates a <c>/producer/audios</c> body into an <see cref="AudioRequest"/> or a bad_request naming the field.
/// Both dialects land on the same request: snake_case <c>generate</c> and camelCase <c>create_music</c>.
/// </summary>
public static class AudioRequestParser
{
    public static readonly string[] Implemented = ["generate", "create_music", "stems", "all_stems", "variation", "music_variation"];

    /// <summary>Actions that make a new song from one of the caller's songs (its stored request is the starting point).</summary>
    public static readonly string[] FromSong = ["variation", "music_variation"];

    /// <summary>Actions that work on an existing song and so need an <c>audio_id</c>.</summary>
    public static readonly string[] OnSong = ["stems", "all_stems"];

    /// <summary>Actions the API defines that this server does not do yet.</summary>
    public static readonly string[] Planned =
    [
        "cover", "extend", "swap_vocals", "swap_instrumentals", "replace_section",
        "upload_cover", "upload_extend", "upload_replace_section", "extend_music", "replace_music",
        "cover_music", "swap_music_sound", "swap_music_vocals",
    ];

    public const int MaxPrompt = 200, MaxLyric = 5000, MaxTitle = 80, MaxSoundText = 1000, MaxSounds = 20;

    /// <param name="action">The action an endpoint implies (<c>/producer/stems</c>); null reads it from the body.</param>
    public static (AudioRequest? Request, ProducerError? Error) Parse(JsonElement body, string? action = null)
    {
        var f = new FieldReader(body);
        action ??= f.String("action", 64);
        if (f.Error is not null) return (null, f.Error);
        if (string.IsNullOrWhiteSpace(action)) return (null, ProducerError.Required("action"));
        if (Planned.Contains(action)) return (null, ProducerError.NotImplemented());
        if (!Implemented.Contains(action)) return (null, ProducerError.Invalid("action"));

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
            "stems" or "all_stems" or "variation" => OnExistingSong(f, common),
            "music_variation" => OnExistingSong(f, common, "audioId"),
            _ => Generate(f, common),
        };
        if (f.Error is not null || request is null) return (null, f.Error);
        // Inspiration mode: the engine writes the words, and the answer shows them as the song's lyric.
        if (request.WriteLyrics)
            request = request with { Lyric = Composer.WrittenLyric(request.ToComposition()) ?? "" };
        return (request, null);
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

    /// <summary>The <c>sounds[]</c> items: text, strength −1…1 (negative pushes away), optional span in seconds.</summary>
    private static List<SoundPrompt> Sounds(FieldReader f, JsonElement body)
    {
        var list = new List<SoundPrompt>();
        if (!body.TryGetProperty("sounds", out var sounds) || sounds.ValueKind == JsonValueKind.Null) return list;
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
            double strength = r.Number("strength", -1, 1) ?? 0.5;
            double? start = r.Number("timeStart", 0, 3600);
            double? end = r.Number("timeEnd", 0, 3600);
            if (r.Error is null && start is double s && end is double e && e <= s) r.Reject(ProducerError.BadRequest($"{name}timeEnd is invalid: it must be after timeStart."));
            if (r.Error is not null)
            {
                f.Reject(r.Error);
                break;
            }
            list.Add(new SoundPrompt(text, strength, start, end));
        }
        return list;
    }

    private static (string, ulong) NewSeed()
    {
        uint s = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        return (s.ToString(CultureInfo.InvariantCulture), s);
    }
}
