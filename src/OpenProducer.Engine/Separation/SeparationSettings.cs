namespace OpenProducer.Engine.Separation;

/// <summary>The separator's constants, gathered so that measurements can vary them; the defaults are the tuned ones.</summary>
internal sealed record SeparationSettings
{
    public static SeparationSettings Default { get; } = new();

    /// <summary>STFT window, rounded to a power of two in samples; the hop is a quarter of it.</summary>
    public double WindowSeconds { get; init; } = 0.046;
    /// <summary>Similar frames are looked for this far either side of each frame.</summary>
    public double SearchSeconds { get; init; } = 8;
    /// <summary>Frames closer than this are not taken as repetitions (they share the same notes).</summary>
    public double MinGapSeconds { get; init; } = 0.3;
    /// <summary>How many of the most similar frames the repeating background is the median of.</summary>
    public int Neighbours { get; init; } = 12;
    /// <summary>Bands of the frame description that similarity is measured on.</summary>
    public int Bands { get; init; } = 48;
    public double RepetitionPower { get; init; } = 1;
    /// <summary>Inter-channel coherence at or below which a bin is taken as not centred.</summary>
    public double CentreFloor { get; init; } = 0.3;
    public double CentrePower { get; init; } = 1;
    public double HarmonicPower { get; init; } = 0.5;
    /// <summary>Half-lengths of the harmonic (along time, frames) and percussive (along frequency, bins) medians.</summary>
    public int HarmonicHalf { get; init; } = 8;
    public int PercussiveHalf { get; init; } = 8;
    /// <summary>The voice band: full weight between these, falling off an octave either side.</summary>
    public double LowHz { get; init; } = 120;
    public double HighHz { get; init; } = 8000;
}
