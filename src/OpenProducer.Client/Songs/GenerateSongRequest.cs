using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>
/// <c>generate</c>: a new song from a prompt (inspiration mode), from a style and the caller's words
/// (<see cref="Custom"/> with <see cref="Lyric"/>), or without a voice (<see cref="Instrumental"/>).
/// </summary>
public sealed record GenerateSongRequest() : SongRequest("generate")
{
    /// <summary>What the song is about and how it sounds (at most 200 characters outside custom mode); in custom mode, the style.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>Custom mode: the caller gives the words (<see cref="Lyric"/>) and the prompt is a style.</summary>
    [JsonPropertyName("custom")]
    public bool? Custom { get; init; }

    /// <summary>No voice.</summary>
    [JsonPropertyName("instrumental")]
    public bool? Instrumental { get; init; }

    /// <summary>The words, with section tags such as <c>[Verse]</c>; required in custom mode unless instrumental.</summary>
    [JsonPropertyName("lyric")]
    public string? Lyric { get; init; }

    /// <summary>How closely the music follows the style, 0.2–1 (0.5).</summary>
    [JsonPropertyName("sound_strength")]
    public double? SoundStrength { get; init; }

    /// <summary>How closely the singing follows the words, 0–1 (0.5).</summary>
    [JsonPropertyName("lyrics_strength")]
    public double? LyricsStrength { get; init; }

    /// <summary>The singer: <c>m</c> or <c>f</c>.</summary>
    [JsonPropertyName("vocal_gender")]
    public string? VocalGender { get; init; }
}
