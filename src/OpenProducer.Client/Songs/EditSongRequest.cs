using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>
/// An edit of one of the caller's songs in the snake_case dialect: the song, and the new words and style the changed
/// part takes. Each edit is a record of its own.
/// </summary>
public abstract record EditSongRequest : SongRequest
{
    /// <param name="action">The action as the API spells it.</param>
    protected EditSongRequest(string action)
        : base(action)
    {
    }

    /// <summary>The song edited (a song's <c>id</c>, or an upload's <c>audio_id</c> for the upload actions).</summary>
    [JsonPropertyName("audio_id")]
    public required string AudioId { get; init; }

    /// <summary>The style of what is made.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>The words of what is made.</summary>
    [JsonPropertyName("lyric")]
    public string? Lyric { get; init; }

    /// <summary>No voice in what is made.</summary>
    [JsonPropertyName("instrumental")]
    public bool? Instrumental { get; init; }

    /// <summary>How closely the music follows the style, 0.2–1.</summary>
    [JsonPropertyName("sound_strength")]
    public double? SoundStrength { get; init; }

    /// <summary>How closely the singing follows the words, 0–1.</summary>
    [JsonPropertyName("lyrics_strength")]
    public double? LyricsStrength { get; init; }

    /// <summary>The singer: <c>m</c> or <c>f</c>.</summary>
    [JsonPropertyName("vocal_gender")]
    public string? VocalGender { get; init; }
}
