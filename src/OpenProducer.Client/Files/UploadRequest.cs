using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Files;

/// <summary><c>/producer/upload</c> of a recording the server fetches from a link.</summary>
public sealed record UploadRequest : ProducerRequest
{
    /// <summary>Where the recording is (http or https).</summary>
    [JsonPropertyName("audio_url")]
    public required Uri AudioUrl { get; init; }

    /// <summary>The recording's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }
}
