using System.Text.Json.Serialization;

namespace OpenProducer.Client.Files;

/// <summary>A song's music video.</summary>
public sealed record SongVideo
{
    /// <summary>The song.</summary>
    [JsonPropertyName("audio_id")]
    public string? AudioId { get; init; }

    /// <summary>The song's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The MP4 (no token needed).</summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; init; }
}
