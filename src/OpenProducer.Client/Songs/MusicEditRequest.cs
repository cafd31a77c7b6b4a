using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>An edit of one of the caller's songs in the camelCase dialect (the create_music family).</summary>
public abstract record MusicEditRequest : MusicRequest
{
    /// <param name="action">The action as the API spells it.</param>
    protected MusicEditRequest(string action)
        : base(action)
    {
    }

    /// <summary>The song edited.</summary>
    [JsonPropertyName("audioId")]
    public required string AudioId { get; init; }
}
