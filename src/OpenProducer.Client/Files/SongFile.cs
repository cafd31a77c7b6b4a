using System.Text.Json.Serialization;

namespace OpenProducer.Client.Files;

/// <summary>A file made of a song (a WAV, a download in a format).</summary>
public sealed record SongFile
{
    /// <summary>The song (downloads say it; WAV answers do not).</summary>
    [JsonPropertyName("audio_id")]
    public string? AudioId { get; init; }

    /// <summary>The song's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The format of a download.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>The file (no token needed).</summary>
    [JsonPropertyName("file_url")]
    public Uri? FileUrl { get; init; }
}
