namespace OpenProducer.Engine.Style;

/// <summary>What the prompt asked for, resolved against the genre's defaults. Null means "composer decides".</summary>
public sealed record SongStyle
{
    public required Genre Genre { get; init; }
    /// <summary>A tempo the prompt named explicitly ("92 bpm").</summary>
    public double? Tempo { get; init; }
    /// <summary>Mood's pull on tempo within the genre's range, −0.5 … 0.5.</summary>
    public double TempoShift { get; init; }
    public int? KeyRoot { get; init; }
    public bool? Minor { get; init; }
    public int? BeatsPerBar { get; init; }
    public int? LeadProgram { get; init; }
    public int? ChordsProgram { get; init; }
    public int? PadProgram { get; init; }
    public int? BassProgram { get; init; }
    public bool Drums { get; init; } = true;
    /// <summary>0 (calm) … 1 (driving).</summary>
    public double Energy { get; init; }
    /// <summary>Requested length in seconds, when the prompt names one.</summary>
    public double? TargetSeconds { get; init; }
    /// <summary>General MIDI programs the prompt named, in the order named.</summary>
    public IReadOnlyList<int> NamedPrograms { get; init; } = [];
    /// <summary>Programs a negative sound pushed away: no part may use them.</summary>
    public IReadOnlySet<int> BannedPrograms { get; init; } = new HashSet<int>();
    /// <summary>A negative sound named the bass: the song has no bass part.</summary>
    public bool NoBass { get; init; }
    /// <summary>Styles that apply to a span of the song only.</summary>
    public IReadOnlyList<SpanStyle> Spans { get; init; } = [];
}
