using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OpenProducer.Engine;
using OpenProducer.Server.Api;

namespace OpenProducer.Server.Audios;

/// <summary>Validates a <c>/producer/audios</c> body into an <see cref="AudioRequest"/> or a bad_request naming the field.</summary>
public static class AudioRequestParser
{
    public static readonly string[] Implemented = ["generate"];

    /// <summary>Actions the API defines that this server does not do yet.</summary>
    public static readonly string[] Planned =
    [
        "cover", "extend", "variation", "swap_vocals", "swap_instrumentals", "replace_section", "stems", "all_stems",
        "upload_cover", "upload_extend", "upload_replace_section", "create_music", "extend_music", "replace_music",
        "cover_music", "swap_music_sound", "swap_music_vocals", "music_variation",
    ];

    public const int MaxPrompt = 200, MaxLyric = 5000, MaxTitle = 80;

    public static (AudioRequest? Request, ProducerError? Error) Parse(JsonElement body)
    {
        var f = new FieldReader(body);
        string? action = f.String("action", 64);
        if (f.Error is not null) return (null, f.Error);
        if (string.IsNullOrWhiteSpace(action)) return (null, ProducerError.Required("action"));
        if (Planned.Contains(action)) return (null, ProducerError.NotImplemented());
        if (!Implemented.Contains(action)) return (null, ProducerError.Invalid("action"));

        string model = f.String("model", 64) is { Length: > 0 } m ? m : ModelPreset.DefaultModel;
        if (f.Error is null && ModelPreset.Find(model) is null) return (null, ProducerError.Invalid("model"));
        bool custom = f.Bool("custom") ?? false;
        bool instrumental = f.Bool("instrumental") ?? false;
        string prompt = f.String("prompt", 1000) ?? "";
        string lyric = f.String("lyric", MaxLyric) ?? "";
        string? title = f.String("title", MaxTitle);
        var seed = f.Seed("seed");
        double weirdness = f.Number("weirdness", 0, 1) ?? 0.5;
        double soundStrength = f.Number("sound_strength", 0.2, 1) ?? 0.5;
        double lyricsStrength = f.Number("lyrics_strength", 0, 1) ?? 0.5;
        var callback = f.HttpUrl("callback_url");
        bool isAsync = f.Bool("async") ?? false;
        if (f.Error is not null) return (null, f.Error);

        // The spec limits the inspiration prompt to 200 characters; in custom mode it is a style description.
        if (!custom && prompt.Length > MaxPrompt)
            return (null, ProducerError.BadRequest($"prompt is too long (at most {MaxPrompt} characters)."));
        if (custom && !instrumental && string.IsNullOrWhiteSpace(lyric))
            return (null, ProducerError.BadRequest("lyric is required in custom mode."));
        if (!custom && string.IsNullOrWhiteSpace(prompt) && string.IsNullOrWhiteSpace(lyric))
            return (null, ProducerError.Required("prompt"));

        var (seedText, seedValue) = seed ?? NewSeed();
        return (new AudioRequest
        {
            Action = action, Model = model, Prompt = prompt.Trim(), Lyric = lyric, Custom = custom, Instrumental = instrumental,
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(), SeedText = seedText, Seed = seedValue,
            Weirdness = weirdness, SoundStrength = soundStrength, LyricsStrength = lyricsStrength,
            CallbackUrl = callback, Async = isAsync,
        }, null);
    }

    private static (string, ulong) NewSeed()
    {
        uint s = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        return (s.ToString(CultureInfo.InvariantCulture), s);
    }
}
