using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>A song as the API answers it (an item of <c>data[]</c>); while it is made, what is not known yet is null.</summary>
public sealed record SongItem
{
    /// <summary>The song's id (the <c>audio_id</c> of later actions).</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The song's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The cover image.</summary>
    [JsonPropertyName("image_url")]
    public Uri? ImageUrl { get; init; }

    /// <summary>The words, or <c>[Instrumental]</c>.</summary>
    [JsonPropertyName("lyric")]
    public string? Lyric { get; init; }

    /// <summary>The song's audio (no token needed).</summary>
    [JsonPropertyName("audio_url")]
    public Uri? AudioUrl { get; init; }

    /// <summary>The song's video, once one was made.</summary>
    [JsonPropertyName("video_url")]
    public Uri? VideoUrl { get; init; }

    /// <summary>The seed it was made with: the same request and seed make it again.</summary>
    [JsonPropertyName("seed")]
    public string? Seed { get; init; }

    /// <summary>The style the song was made in.</summary>
    [JsonPropertyName("sound")]
    public string? Sound { get; init; }

    /// <summary>When it was finished (ISO 8601, UTC).</summary>
    [JsonPropertyName("created_at")]
    public string? CreatedAt { get; init; }

    /// <summary>The model that made it.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>How far it is made, as the server writes it (<c>"100%"</c>).</summary>
    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    /// <summary><c>pending</c>, <c>running</c> or <c>succeeded</c>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>The song's length in seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    /// <summary>While an asynchronous song is made: a link that plays it as it is made (the server's extension).</summary>
    [JsonPropertyName("stream_audio_url")]
    public Uri? StreamAudioUrl { get; init; }
}
