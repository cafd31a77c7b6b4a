using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>variation</c>: a new take on one of the caller's songs, in its style.</summary>
public sealed record VariationRequest() : SongRequest("variation")
{
    /// <summary>The song varied.</summary>
    [JsonPropertyName("audio_id")]
    public required string AudioId { get; init; }

    /// <summary>New words; the song's own stand when unset.</summary>
    [JsonPropertyName("lyric")]
    public string? Lyric { get; init; }

    /// <summary>No voice.</summary>
    [JsonPropertyName("instrumental")]
    public bool? Instrumental { get; init; }

    /// <summary>Custom mode (the words given are the caller's).</summary>
    [JsonPropertyName("custom")]
    public bool? Custom { get; init; }
}
