using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>One note, timed in beats from the start of the song.</summary>
public readonly record struct Note(double Start, double Length, int Pitch, int Velocity);

/// <summary>
/// A controller change, timed in beats like the notes: the sustain pedal (64), expression (11), volume (7) or
/// modulation (1). The renderer plays them and the MIDI export writes them.
/// </summary>
public readonly record struct Control(double Beat, int Number, int Value)
{
    public const int Modulation = 1, Volume = 7, Expression = 11, Sustain = 64;
}

/// <summary>The drum kit a drum part asks for; the renderer maps it to the best sampled kit it has.</summary>
public enum DrumKit { Standard, Acoustic, Rock, Jazz, Brush, Electronic, Tr808, Orchestra, Room }

/// <summary>What a part does in the arrangement; stems and mix levels follow it.</summary>
public enum TrackRole { Drums, Bass, Chords, Pad, Lead, Counter }

/// <summary>One instrument part: a MIDI channel, a General MIDI program and its notes.</summary>
public sealed class Track
{
    public required string Name { get; init; }
    public required TrackRole Role { get; init; }
    public required int Channel { get; init; }
    public required int Program { get; init; }
    /// <summary>Linear gain applied to this part's rendered audio in the mix.</summary>
    public required float Gain { get; init; }
    /// <summary>MIDI pan, 0 (left) … 64 (centre) … 127 (right).</summary>
    public int Pan { get; init; } = 64;
    /// <summary>MIDI reverb send (CC 91).</summary>
    public int Reverb { get; init; } = 40;
    public List<Note> Notes { get; } = [];
    /// <summary>Pedal, expression and other controller moves, in beats.</summary>
    public List<Control> Controls { get; } = [];
    /// <summary>For the drum part: the kit that plays it.</summary>
    public DrumKit Kit { get; init; } = DrumKit.Standard;
    public bool IsDrums => Channel == 9;
}

/// <summary>A labelled span of the song, in bars.</summary>
public sealed record Section(string Label, SectionKind Kind, int StartBar, int Bars, double Energy);

/// <summary>Everything the renderer needs, and everything later edits need to re-compose a part.</summary>
public sealed class Score
{
    public required double Tempo { get; init; }
    public required int BeatsPerBar { get; init; }
    public required int KeyRoot { get; init; }
    public required bool Minor { get; init; }
    public required IReadOnlyList<Section> Sections { get; init; }
    public required IReadOnlyList<Track> Tracks { get; init; }

    public int TotalBars => Sections.Count == 0 ? 0 : Sections[^1].StartBar + Sections[^1].Bars;
    public double TotalBeats => TotalBars * BeatsPerBar;
    /// <summary>
    /// Silence before the first beat. A transient at the very first sample makes AAC encoders overshoot by
    /// several dB, far above the limiter's ceiling; 50 ms of lead-in avoids it.
    /// </summary>
    public double LeadIn { get; init; } = DefaultLeadIn;

    public const double DefaultLeadIn = 0.05;

    /// <summary>Reverb room size for the style, 0 (dry) … 1 (hall).</summary>
    public double ReverbRoom { get; init; } = 0.6;

    /// <summary>How the band is mixed (its room, sidechain, drum punch, delay and width).</summary>
    public MixStyle Mix { get; init; } = new();

    public double SecondsPerBeat => 60.0 / Tempo;

    /// <summary>Where a beat falls in the rendered audio, in seconds (lead-in included).</summary>
    public double TimeOf(double beat) => LeadIn + beat * SecondsPerBeat;
}
