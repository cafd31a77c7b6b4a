namespace OpenProducer.Tests.Support;

/// <summary>
/// A Standard MIDI File as read by <see cref="MidiReader"/>: its tracks, tempo map, time and key signatures, and the
/// conversions a test needs to measure the music (ticks to seconds and beats, bars, distance from a grid).
/// </summary>
public sealed class MidiSong
{
    public int Format { get; init; }
    public int TicksPerQuarter { get; init; }
    public IReadOnlyList<MidiTrack> Tracks { get; init; } = [];
    /// <summary>Tempo changes in time order; before the first, MIDI's default of 120 bpm holds.</summary>
    public IReadOnlyList<MidiTempo> Tempos { get; init; } = [];
    public IReadOnlyList<MidiTimeSignature> TimeSignatures { get; init; } = [];
    public IReadOnlyList<MidiKeySignature> KeySignatures { get; init; } = [];

    /// <summary>The first tempo in beats per minute (120 when the file sets none).</summary>
    public double Tempo => Tempos.Count > 0 ? Tempos[0].Bpm : 120;
    public MidiTimeSignature TimeSignature => TimeSignatures.Count > 0 ? TimeSignatures[0] : new MidiTimeSignature(0, 4, 4);
    public MidiKeySignature? Key => KeySignatures.Count > 0 ? KeySignatures[0] : null;

    /// <summary>Where the file ends: the last end-of-track event of any track.</summary>
    public long EndTick => Tracks.Count == 0 ? 0 : Tracks.Max(t => t.EndTick);

    /// <summary>Every note of every track, in time order.</summary>
    public IEnumerable<MidiNote> Notes => Tracks.SelectMany(t => t.Notes).OrderBy(n => n.StartTick).ThenBy(n => n.Pitch);

    /// <summary>The track whose name starts with <paramref name="prefix"/> (e.g. "drums"), or null.</summary>
    public MidiTrack? Track(string prefix) => Tracks.FirstOrDefault(t => t.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Quarter-note beats from the start of the file.</summary>
    public double Beats(long tick) => (double)tick / TicksPerQuarter;

    /// <summary>Seconds from the start of the file, through every tempo change before the tick.</summary>
    public double Seconds(long tick)
    {
        double seconds = 0, micros = 500_000;
        long at = 0;
        foreach (var t in Tempos)
        {
            if (t.Tick >= tick) break;
            seconds += (t.Tick - at) * micros / 1e6 / TicksPerQuarter;
            at = t.Tick;
            micros = t.MicrosPerQuarter;
        }
        return seconds + (tick - at) * micros / 1e6 / TicksPerQuarter;
    }

    /// <summary>The bar (0-based) a tick falls in, through every time signature change.</summary>
    public int Bar(long tick) => (int)Math.Floor(BarPosition(tick));

    /// <summary>Where in its bar a tick falls, in quarter-note beats from the bar line.</summary>
    public double BeatInBar(long tick)
    {
        double position = BarPosition(tick);
        return (position - Math.Floor(position)) * SignatureAt(tick).QuartersPerBar;
    }

    /// <summary>
    /// How far a time lies from the nearest line of a grid of <paramref name="gridBeats"/> quarter-note beats
    /// (0.5 for eighths), in milliseconds: negative ahead of the line, positive behind it.
    /// </summary>
    public double GridOffsetMs(long tick, double gridBeats)
    {
        long gridTicks = (long)Math.Round(gridBeats * TicksPerQuarter);
        long line = (long)Math.Round((double)tick / gridTicks, MidpointRounding.AwayFromZero) * gridTicks;
        return (Seconds(tick) - Seconds(line)) * 1000;
    }

    private MidiTimeSignature SignatureAt(long tick) => TimeSignatures.LastOrDefault(s => s.Tick <= tick) ?? TimeSignature;

    private double BarPosition(long tick)
    {
        double bars = 0;
        var signatures = TimeSignatures.Count > 0 ? TimeSignatures : [TimeSignature];
        for (int i = 0; i < signatures.Count; i++)
        {
            long from = signatures[i].Tick, to = i + 1 < signatures.Count ? signatures[i + 1].Tick : long.MaxValue;
            if (tick < from) break;
            double barTicks = signatures[i].QuartersPerBar * TicksPerQuarter;
            if (tick < to) return bars + (tick - from) / barTicks;
            bars += Math.Ceiling((to - from) / barTicks - 1e-9);
        }
        return tick / (TimeSignature.QuartersPerBar * TicksPerQuarter);
    }
}
