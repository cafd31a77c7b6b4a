namespace OpenProducer.Server.Audios;

/// <summary>A validated <c>/producer/audios</c> request, normalised from the wire.</summary>
public sealed record AudioRequest
{
    public required string Action { get; init; }
    public required string Model { get; init; }
    public string Prompt { get; init; } = "";
    /// <summary>The style text shown back as <c>sound</c>: the prompt, or the create_music dialect's positive sounds.</summary>
    public string Sound { get; init; } = "";
    public IReadOnlyList<Engine.Style.SoundPrompt> Sounds { get; init; } = [];
    public string Lyric { get; init; } = "";
    public bool Custom { get; init; }
    public bool Instrumental { get; init; }
    public string? Title { get; init; }
    public required string SeedText { get; init; }
    public required ulong Seed { get; init; }
    public double Weirdness { get; init; } = 0.5;
    public double SoundStrength { get; init; } = 0.5;
    public double LyricsStrength { get; init; } = 0.5;
    /// <summary>The song an action works on (stems, and the editing actions to come).</summary>
    public string? AudioId { get; init; }
    public Uri? CallbackUrl { get; init; }
    public bool Async { get; init; }
}
