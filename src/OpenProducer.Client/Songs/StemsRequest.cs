using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Songs;

/// <summary><c>stems</c> (voice and music apart) or <c>all_stems</c> (one file per part group) of one of the caller's songs.</summary>
public sealed record StemsRequest : ProducerRequest
{
    /// <summary>The song.</summary>
    [JsonPropertyName("audio_id")]
    public required string AudioId { get; init; }

    /// <summary>Every part group apart (<c>all_stems</c>) rather than voice and music (<c>stems</c>).</summary>
    [JsonIgnore]
    public bool All { get; init; }

    /// <summary>The action as the API spells it.</summary>
    [JsonPropertyName("action")]
    public string Action => All ? "all_stems" : "stems";
}
