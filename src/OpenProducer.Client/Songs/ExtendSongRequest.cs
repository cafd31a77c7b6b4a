using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>extend</c>: the song continues with new material.</summary>
public record ExtendSongRequest : EditSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public ExtendSongRequest()
        : base("extend")
    {
    }

    /// <param name="action">The action as the API spells it.</param>
    protected ExtendSongRequest(string action)
        : base(action)
    {
    }

    /// <summary>Where the new material takes over, in seconds; the end of the song when unset.</summary>
    [JsonPropertyName("continue_at")]
    public double? ContinueAt { get; init; }
}
