using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>A song's stems as the <c>stems</c> actions answer them: one zip of WAV files.</summary>
public sealed record StemsItem
{
    /// <summary>The song's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The zip of stems (no token needed).</summary>
    [JsonPropertyName("stems_url")]
    public Uri? StemsUrl { get; init; }

    /// <summary>The song's model.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>How far the stems are made (<c>"100%"</c>).</summary>
    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    /// <summary><c>pending</c>, <c>running</c> or <c>succeeded</c>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }
}
