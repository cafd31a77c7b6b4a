using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>create_music</c>: a new song in the camelCase dialect, styled by <c>sounds[]</c>.</summary>
public sealed record CreateMusicRequest() : SongRequest("create_music")
{
    /// <summary>The styles; at least one with text, or <see cref="Lyrics"/>.</summary>
    [JsonPropertyName("sounds")]
    public IReadOnlyList<SoundPrompt>? Sounds { get; init; }

    /// <summary>The words; the engine writes them when unset (unless instrumental).</summary>
    [JsonPropertyName("lyrics")]
    public string? Lyrics { get; init; }

    /// <summary>No voice.</summary>
    [JsonPropertyName("makeInstrumental")]
    public bool? MakeInstrumental { get; init; }

    /// <summary>How closely the singing follows the words, 0–1 (0.5).</summary>
    [JsonPropertyName("lyricsStrength")]
    public double? LyricsStrength { get; init; }

    /// <summary>The singer: <c>m</c> or <c>f</c>.</summary>
    [JsonPropertyName("vocalGender")]
    public string? VocalGender { get; init; }
}
