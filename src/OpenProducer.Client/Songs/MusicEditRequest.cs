using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>An edit of one of the caller's songs in the camelCase dialect (the create_music family).</summary>
public abstract record MusicEditRequest : SongRequest
{
    /// <param name="action">The action as the API spells it.</param>
    protected MusicEditRequest(string action)
        : base(action)
    {
    }

    /// <summary>The song edited.</summary>
    [JsonPropertyName("audioId")]
    public required string AudioId { get; init; }

    /// <summary>The styles of what is made (strengths 0.2–1, no spans).</summary>
    [JsonPropertyName("sounds")]
    public IReadOnlyList<SoundPrompt>? Sounds { get; init; }

    /// <summary>The words of what is made.</summary>
    [JsonPropertyName("lyrics")]
    public string? Lyrics { get; init; }

    /// <summary>No voice in what is made.</summary>
    [JsonPropertyName("makeInstrumental")]
    public bool? MakeInstrumental { get; init; }

    /// <summary>How closely the singing follows the words, 0–1.</summary>
    [JsonPropertyName("lyricsStrength")]
    public double? LyricsStrength { get; init; }

    /// <summary>The singer: <c>m</c> or <c>f</c>.</summary>
    [JsonPropertyName("vocalGender")]
    public string? VocalGender { get; init; }
}
