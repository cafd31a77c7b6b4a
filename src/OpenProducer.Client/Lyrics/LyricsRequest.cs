using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Lyrics;

/// <summary><c>/producer/lyrics</c>: a lyric sheet for a theme.</summary>
public sealed record LyricsRequest : ProducerRequest
{
    /// <summary>The theme, in English or Chinese (at most 1000 characters).</summary>
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    /// <summary>A seed: the same prompt and seed write the same sheet (the server's extension).</summary>
    [JsonPropertyName("seed")]
    public string? Seed { get; init; }
}
