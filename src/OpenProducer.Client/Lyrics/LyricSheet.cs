using System.Text.Json.Serialization;

namespace OpenProducer.Client.Lyrics;

/// <summary>A written lyric sheet.</summary>
public sealed record LyricSheet
{
    /// <summary>A title for the song.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The words, with section tags such as <c>[Verse]</c>.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>The words again, as the API's <c>lyrics</c> field has them.</summary>
    [JsonPropertyName("lyrics")]
    public string? Lyrics { get; init; }

    /// <summary><c>complete</c> when written.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
