using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>replace_music</c>: a span of the song is made again.</summary>
public sealed record ReplaceMusicRequest() : MusicEditRequest("replace_music")
{
    /// <summary>Where the span starts, in seconds.</summary>
    [JsonPropertyName("replaceStart")]
    public required double ReplaceStart { get; init; }

    /// <summary>Where it ends, in seconds.</summary>
    [JsonPropertyName("replaceEnd")]
    public required double ReplaceEnd { get; init; }
}
