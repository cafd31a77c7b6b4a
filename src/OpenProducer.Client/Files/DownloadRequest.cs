using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Files;

/// <summary><c>/producer/download</c>: a song's master in a format, or its score as MIDI.</summary>
public sealed record DownloadRequest : ProducerRequest
{
    /// <summary>The song.</summary>
    [JsonPropertyName("audio_id")]
    public required string AudioId { get; init; }

    /// <summary><c>mp3</c> (the default), <c>m4a</c>, <c>wav</c>, <c>flac</c> or <c>midi</c>.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>WAV and FLAC: 16 or 24 bits per sample (16).</summary>
    [JsonPropertyName("bit_depth")]
    public int? BitDepth { get; init; }
}
