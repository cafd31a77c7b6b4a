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
    public double MinGapSeconds { get; init; } = 1.5;
    /// <summary>How many of the most similar frames the repeating background is the median of.</summary>
    public int Neighbours { get; init; } = 16;
    /// <summary>Bands of the frame description that similarity is measured on.</summary>
    public int Bands { get; init; } = 48;
    public double RepetitionPower { get; init; } = 1;
    /// <summary>The repetition mask on power (m² − b²)/m² rather than on magnitude (m − b)/m.</summary>
    public bool WienerRepetition { get; init; } = true;
    /// <summary>Inter-channel coherence at or below which a bin is taken as not centred.</summary>
    public double CentreFloor { get; init; } = 0.7;
    public double CentrePower { get; init; } = 1;
    /// <summary>The repetition and harmonic models see the centred part of the mix only (the centre cue first).</summary>
    public bool CentredModels { get; init; } = true;
    /// <summary>Similarity of frames is measured on their off-centre part (the band's arrangement, not the voice).</summary>
    public bool SideFeature { get; init; } = true;
    /// <summary>
    /// Weight of the harmonic/percussive mask (0: off). Off by default: on the engine's sung songs every weight tried
    /// cost vocal SDR (0.3: 0.35 dB), the repetition model already taking out the repeating drums.
    /// </summary>
    public double HarmonicPower { get; init; }
    /// <summary>Half-lengths of the harmonic (along time, frames) and percussive (along frequency, bins) medians.</summary>
    public int HarmonicHalf { get; init; } = 8;
    public int PercussiveHalf { get; init; } = 8;
    /// <summary>
    /// The voice band: full weight between these, falling off an octave either side. The low edge sits above most
    /// sung fundamentals: below it, centred energy is mostly bass and kick, and the voice's harmonics carry it.
    /// </summary>
    public double LowHz { get; init; } = 230;
    public double HighHz { get; init; } = 8000;
    /// <summary>
    /// A sung pitch below the low edge is let through when its comb's score holds this share of the vocal estimate's
    /// level over the band (0: never).
    /// </summary>
    public double PitchVoicing { get; init; } = 0.5;
    /// <summary>Each harmonic's weight in the pitch comb is this times the one below's.</summary>
    public double PitchDecay { get; init; } = 0.85;
    /// <summary>Frame masks are averaged over this many frames either side.</summary>
    public int SmoothHalf { get; init; } = 1;
    /// <summary>
    /// The activity gate: the vocal estimate's share of the voice band's energy, over this long either side of a
    /// frame, is mapped from [GateLow, GateHigh] to [GateFloor, 1] (GateHigh 0: no gate).
    /// </summary>
    public double GateSeconds { get; init; } = 0.15;
    public double GateLow { get; init; } = 0.15;
    public double GateHigh { get; init; } = 0.4;
    public double GateFloor { get; init; } = 0.1;
}
