using System.Text.Json.Serialization;

namespace OpenProducer.Client.Files;

/// <summary>An uploaded recording, ready for the upload actions (its <see cref="AudioId"/>).</summary>
public sealed record UploadedAudio
{
    /// <summary>The id the upload actions (<c>upload_extend</c>…) take as <c>audio_id</c>.</summary>
    [JsonPropertyName("audio_id")]
    public string AudioId { get; init; } = "";

    /// <summary>The recording as kept by the server.</summary>
    [JsonPropertyName("audio_url")]
    public Uri? AudioUrl { get; init; }

    /// <summary>The words the server heard, with section tags.</summary>
    [JsonPropertyName("lyric")]
    public string? Lyric { get; init; }

    /// <summary>The recording's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The length in seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }
}
