using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>extend_music</c>: the song continues with new material.</summary>
public sealed record ExtendMusicRequest() : MusicEditRequest("extend_music")
{
    /// <summary>Where the new material takes over, in seconds.</summary>
    [JsonPropertyName("continueAt")]
    public double? ContinueAt { get; init; }

    /// <summary>How many seconds of new material (1–240).</summary>
    [JsonPropertyName("extendDuration")]
    public double? ExtendDuration { get; init; }
}
