using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Files;

/// <summary>A file of one of the caller's songs that needs nothing but the song: its stems or its video.</summary>
public sealed record SongFileRequest : ProducerRequest
{
    /// <summary>The song.</summary>
    [JsonPropertyName("audio_id")]
    public required string AudioId { get; init; }
}
