using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>cover_music</c>: the song's tune and words in another style.</summary>
public sealed record CoverMusicRequest() : MusicEditRequest("cover_music")
{
    /// <summary>How far the arrangement moves, 0–1 (0.5).</summary>
    [JsonPropertyName("coverStrength")]
    public double? CoverStrength { get; init; }

    /// <summary>An image the server fetches for the new song's cover.</summary>
    [JsonPropertyName("coverArtUrl")]
    public Uri? CoverArtUrl { get; init; }
}
