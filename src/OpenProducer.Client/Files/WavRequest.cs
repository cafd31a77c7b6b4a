using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Files;

/// <summary><c>/producer/wav</c>: a song's master as a lossless WAV at 44.1 kHz.</summary>
public sealed record WavRequest : ProducerRequest
{
    /// <summary>The song.</summary>
    [JsonPropertyName("audio_id")]
    public required string AudioId { get; init; }

    /// <summary>16 or 24 bits per sample (16).</summary>
    [JsonPropertyName("bit_depth")]
    public int? BitDepth { get; init; }
}
