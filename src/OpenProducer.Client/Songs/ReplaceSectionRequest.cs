using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary><c>replace_section</c>: a span of the song is made again.</summary>
public record ReplaceSectionRequest : EditSongRequest
{
    /// <summary>A request for this action; set <see cref="EditSongRequest.AudioId"/>.</summary>
    public ReplaceSectionRequest()
        : base("replace_section")
    {
    }

    /// <param name="action">The action as the API spells it.</param>
    protected ReplaceSectionRequest(string action)
        : base(action)
    {
    }

    /// <summary>Where the span starts, in seconds.</summary>
    [JsonPropertyName("replace_section_start")]
    public required double ReplaceSectionStart { get; init; }

    /// <summary>Where it ends, in seconds (at least a second after the start).</summary>
    [JsonPropertyName("replace_section_end")]
    public required double ReplaceSectionEnd { get; init; }
}
