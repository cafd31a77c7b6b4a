using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>cover</c>: the song's tune and words in another style.</summary>
public record CoverSongRequest : EditSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public CoverSongRequest()
        : base("cover")
    {
    }

    /// <param name="action">The action as the API spells it.</param>
    protected CoverSongRequest(string action)
        : base(action)
    {
    }

    /// <summary>How far the arrangement moves from the original, 0.2–1 (1).</summary>
    [JsonPropertyName("cover_strength")]
    public double? CoverStrength { get; init; }
}
