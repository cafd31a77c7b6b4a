using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>
/// <c>GET /v1/songs/{id}</c> (the server's extension): what the engine decided for a song, or what it heard in an
/// upload. Fields not named here are in <see cref="Other"/>.
/// </summary>
public sealed record SongDetails
{
    /// <summary>The song's id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Beats per minute.</summary>
    [JsonPropertyName("tempo")]
    public double? Tempo { get; init; }

    /// <summary>The key, e.g. "A minor".</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary>The metre, e.g. "4/4".</summary>
    [JsonPropertyName("time_signature")]
    public string? TimeSignature { get; init; }

    /// <summary>The genre the engine played.</summary>
    [JsonPropertyName("genre")]
    public string? Genre { get; init; }

    /// <summary>The length in seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    /// <summary>The song's audio.</summary>
    [JsonPropertyName("audio_url")]
    public Uri? AudioUrl { get; init; }

    /// <summary>The song's video, once one was made.</summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; init; }

    /// <summary><c>upload</c> for an uploaded recording.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>Everything else the server said (sections, instruments, lines, melody, analysis…).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}
