using OpenProducer.Engine;
namespace OpenProducer.Server.Requests;

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
    /// <summary>The song an action works on (stems, variations and every edit).</summary>
    public string? AudioId { get; init; }
    /// <summary>Extend: where the new material takes over (seconds); null continues from the end.</summary>
    public double? ContinueAt { get; init; }
    /// <summary>extend_music: how many seconds of new material.</summary>
    public double? ExtendSeconds { get; init; }
    /// <summary>Replace: the span re-composed (seconds).</summary>
    public double? ReplaceStart { get; init; }
    public double? ReplaceEnd { get; init; }
    /// <summary>Cover: how far the arrangement moves (0–1).</summary>
    public double Strength { get; init; } = 1;
    /// <summary>cover_music: an image to use as the cover.</summary>
    public Uri? CoverArtUrl { get; init; }
    /// <summary>/producer/download: mp3, m4a, wav, flac or midi.</summary>
    public string? Format { get; init; }
    /// <summary>WAV and FLAC: 16 or 24 bits per sample.</summary>
    public int BitDepth { get; init; } = 16;
    /// <summary>For actions on one of the caller's songs that make a new song: what the engine makes (resolved at submission).</summary>
    public Engine.Edit.SongRecipe? Recipe { get; init; }
    public Uri? CallbackUrl { get; init; }
    public bool Async { get; init; }

    /// <summary>
    /// Whether the song is streamed as it is made (<c>stream_audio_url</c>): asked for asynchronously (a synchronous
    /// request gets the finished song anyway), and made afresh (an edit keeps most of a song already heard).
    /// </summary>
    public bool StreamsLive => (Async || CallbackUrl is not null) && SongEngine.Streams(ToRecipe());
    /// <summary>The request as the task record shows it (<see cref="Api.RecordedRequest"/>); not part of the job.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Recorded { get; init; } = "{}";

    /// <summary>What the engine is asked to make. A written lyric is not passed back in: the engine writes it again, identically.</summary>
    public Engine.Composition.CompositionRequest ToComposition() => new()
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

    /// <summary>The recipe of the song to make: resolved at submission for actions on a song, else from the request.</summary>
    public Engine.Edit.SongRecipe ToRecipe() => Recipe ?? new(ToComposition(), null);
}
