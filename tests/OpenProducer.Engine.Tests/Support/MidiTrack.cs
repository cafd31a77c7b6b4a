namespace OpenProducer.Tests.Support;

/// <summary>One track chunk of a MIDI file, as read: its name and what it plays.</summary>
public sealed class MidiTrack
{
    public string Name { get; init; } = "";
    /// <summary>The channel (0-based: 9 is General MIDI's drum channel) of the track's first channel event, or −1 when it has none.</summary>
    public int Channel { get; init; } = -1;
    /// <summary>The track's first program change (0-based General MIDI program), or null.</summary>
    public int? Program { get; init; }
    /// <summary>The tick of the track's end-of-track event: where a player stops.</summary>
    public long EndTick { get; init; }
    public List<MidiNote> Notes { get; } = [];
    public List<MidiControl> Controls { get; } = [];
    public List<MidiText> Lyrics { get; } = [];
    public List<MidiText> Markers { get; } = [];

    public bool IsDrums => Channel == 9;

    /// <summary>Controller changes of one number (e.g. 64 for the sustain pedal), in time order.</summary>
    public IEnumerable<MidiControl> ControlsOf(int number) => Controls.Where(c => c.Number == number);

    public override string ToString() => $"{Name} (channel {Channel}, program {Program}, {Notes.Count} notes)";
}
