namespace OpenProducer.Tests.Support;

/// <summary>
/// A note as read from a MIDI file: ticks as written, and the same times in seconds (through the tempo map) and in
/// quarter-note beats from tick 0.
/// </summary>
public sealed record MidiNote(int Channel, int Pitch, int Velocity, long StartTick, long EndTick, double Start, double End, double StartBeat, double EndBeat)
{
    public long LengthTicks => EndTick - StartTick;
    public double Length => End - Start;
    public double LengthBeats => EndBeat - StartBeat;
}

/// <summary>A controller change (sustain 64, expression 11, volume 7, pan 10, reverb 91 …).</summary>
public sealed record MidiControl(int Channel, int Number, int Value, long Tick, double Seconds, double Beat);

/// <summary>A text meta event at a time: a lyric syllable, a marker.</summary>
public sealed record MidiText(string Text, long Tick, double Seconds, double Beat);

/// <summary>A tempo change: microseconds per quarter note, and the same as beats per minute.</summary>
public sealed record MidiTempo(long Tick, int MicrosPerQuarter)
{
    public double Bpm => 60_000_000.0 / MicrosPerQuarter;
}

/// <summary>A time signature: 3/4 is (3, 4).</summary>
public sealed record MidiTimeSignature(long Tick, int Numerator, int Denominator)
{
    /// <summary>The bar's length in quarter-note beats (3/4 → 3, 6/8 → 3, 4/4 → 4).</summary>
    public double QuartersPerBar => Numerator * 4.0 / Denominator;
}

/// <summary>A key signature: sharps (positive) or flats (negative), and major or minor.</summary>
public sealed record MidiKeySignature(long Tick, int Accidentals, bool Minor)
{
    /// <summary>The tonic's pitch class (0 = C): each sharp is a fifth up from C major, a minor key sits a minor third below its major.</summary>
    public int TonicPitchClass => (((Accidentals * 7) % 12 + 12) % 12 + (Minor ? 9 : 0)) % 12;
}
