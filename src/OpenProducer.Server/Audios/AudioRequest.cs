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
    /// <summary>"m" or "f" when the request names the singer's gender.</summary>
    public string? VocalGender { get; init; }
    /// <summary>Inspiration mode: the engine writes the words (<see cref="Lyric"/> then shows what it wrote).</summary>
    public bool WriteLyrics { get; init; }
    /// <summary>The song an action works on (stems, and the editing actions to come).</summary>
    public string? AudioId { get; init; }
    /// <summary>For actions on one of the caller's songs that make a new song: what the engine makes (resolved at submission).</summary>
    public Engine.Composition.CompositionRequest? Source { get; init; }
    public Uri? CallbackUrl { get; init; }
    public bool Async { get; init; }

    /// <summary>What the engine is asked to make. A written lyric is not passed back in: the engine writes it again, identically.</summary>
    public Engine.Composition.CompositionRequest ToComposition() => Source ?? new()
    {
        Prompt = Prompt,
        Lyric = WriteLyrics ? "" : Lyric,
        WriteLyrics = WriteLyrics,
        Instrumental = Instrumental,
        Seed = Seed,
        Weirdness = Weirdness,
        SoundStrength = SoundStrength,
        LyricsStrength = LyricsStrength,
        VocalGender = VocalGender,
        Model = Model,
        Sounds = Sounds,
    };
}
