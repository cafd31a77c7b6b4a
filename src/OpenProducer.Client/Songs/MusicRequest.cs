using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>What every request of the camelCase dialect (the create_music family) says of the music it makes.</summary>
public abstract record MusicRequest : SongRequest
{
    /// <param name="action">The action as the API spells it.</param>
    protected MusicRequest(string action)
        : base(action)
    {
    }

    /// <summary>The styles; a new song needs at least one with text, or <see cref="Lyrics"/> (an edit's strengths are 0.2–1, with no spans).</summary>
    [JsonPropertyName("sounds")]
    public IReadOnlyList<SoundPrompt>? Sounds { get; init; }

    /// <summary>The words; the engine writes them for a new song when unset (unless instrumental).</summary>
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
