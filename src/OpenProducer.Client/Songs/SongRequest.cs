using System.Text.Json.Serialization;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Songs;

/// <summary>
/// A <c>/producer/audios</c> request that makes a song: the fields every action shares. Each action is a record of
/// its own (<see cref="GenerateSongRequest"/>, <see cref="ExtendSongRequest"/>…); unset fields are left out of the body.
/// </summary>
public abstract record SongRequest : ProducerRequest
{
    /// <param name="action">The action as the API spells it.</param>
    protected SongRequest(string action) => Action = action;

    /// <summary>The action as the API spells it (<c>generate</c>, <c>extend</c>, <c>create_music</c>…).</summary>
    [JsonPropertyName("action")]
    public string Action { get; }

    /// <summary>The model; the server's default when unset. Actions on a song use that song's model.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>The song's title; one is made from the request when unset.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>A seed (a number or any text): the same request and seed make the same song.</summary>
    [JsonPropertyName("seed")]
    public string? Seed { get; init; }

    /// <summary>How far the music strays from the obvious, 0–1 (0.5).</summary>
    [JsonPropertyName("weirdness")]
    public double? Weirdness { get; init; }
}
