using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>What the composer needs from a request; the API maps both dialects onto this.</summary>
public sealed record CompositionRequest
{
    public string Prompt { get; init; } = "";
    /// <summary>The lyric sheet to set (custom mode); empty for a wordless song.</summary>
    public string Lyric { get; init; } = "";
    /// <summary>No voice: a lyric sheet still gives the form and the lead instrument's melody.</summary>
    public bool Instrumental { get; init; }
    /// <summary>Inspiration mode: with no lyric sheet, the engine writes the words itself.</summary>
    public bool WriteLyrics { get; init; }
    public ulong Seed { get; init; }
    /// <summary>
    /// A variation of the song <see cref="Seed"/> makes (0: the song itself): same key, tempo, form, words and
    /// voice; new melodic and arrangement details, and from weirdness 0.5 new chord progressions too.
    /// </summary>
    public ulong Variation { get; init; }
    public double Weirdness { get; init; } = 0.5;
    public double SoundStrength { get; init; } = 0.5;
    public double LyricsStrength { get; init; } = 0.5;
    /// <summary>"m" or "f" when the request names the singer's gender; otherwise the prompt or the seed decides.</summary>
    public string? VocalGender { get; init; }
    public string Model { get; init; } = ModelPreset.DefaultModel;
    /// <summary>The <c>create_music</c> dialect's style items (with strengths and spans).</summary>
    public IReadOnlyList<Style.SoundPrompt> Sounds { get; init; } = [];
}
