using System.Text.Json.Serialization;

namespace OpenProducer.Client.Songs;

/// <summary>One item of the create_music dialect's <c>sounds[]</c>: a style and how strongly it pulls.</summary>
public sealed record SoundPrompt
{
    /// <summary>The style, e.g. "warm jazz piano".</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary>How strongly: −1…1 for create_music (negative pushes away), 0.2…1 for the edits (0.5).</summary>
    [JsonPropertyName("strength")]
    public double? Strength { get; init; }

    /// <summary>create_music only: where the sound starts, in seconds.</summary>
    [JsonPropertyName("timeStart")]
    public double? TimeStart { get; init; }

    /// <summary>create_music only: where it ends, in seconds.</summary>
    [JsonPropertyName("timeEnd")]
    public double? TimeEnd { get; init; }
}
