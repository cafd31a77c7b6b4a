using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Analysis;

/// <summary>A key heard in a recording: the tonic's pitch class (0 = C) and the mode.</summary>
public sealed record MusicalKey(int Tonic, bool Minor)
{
    private static readonly string[] Names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    public string Name => Names[((Tonic % 12) + 12) % 12] + (Minor ? " minor" : " major");
}

/// <summary>The chord heard through one bar (Root a pitch class; Name like "Am" or "F"; "N" when no chord is heard).</summary>
public sealed record BarChord(int Bar, double Start, int Root, bool Minor, string Name);

/// <summary>One section of the form: repeated sections share a Label ("A", "B", …); Kind is what it most likely is.</summary>
public sealed record SongPart(double Start, double End, string Label, SectionKind Kind);

/// <summary>A span of seconds.</summary>
public sealed record TimeSpanSeconds(double Start, double End);

/// <summary>A note of the lead melody as heard: seconds and a MIDI pitch.</summary>
public sealed record HeardNote(double Start, double End, int Pitch);

/// <summary>What listening to a recording found: its beat grid, metre, key, chords, form, sung spans, tune and loudness.</summary>
public sealed record RecordingAnalysis(
    double DurationSeconds,
    double Tempo,
    int BeatsPerBar,
    IReadOnlyList<double> Beats,
    IReadOnlyList<double> Downbeats,
    MusicalKey Key,
    IReadOnlyList<BarChord> Chords,
    IReadOnlyList<SongPart> Sections,
    IReadOnlyList<TimeSpanSeconds> VoiceSpans,
    IReadOnlyList<HeardNote> Melody,
    double IntegratedLufs);
