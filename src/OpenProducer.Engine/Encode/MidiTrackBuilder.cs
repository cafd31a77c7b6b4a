using System.Text;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// One MTrk chunk of a Standard MIDI File: events are added at absolute ticks in any order and written sorted, as
/// delta times, with running status for runs of channel messages of one kind (meta events break a run, as the
/// standard requires).
/// </summary>
internal sealed class MidiTrackBuilder
{
    /// <summary>
    /// The order of events that share a tick: names and tempo first, then a note that ends is released before the
    /// program, controllers (the pedal) and the syllable of the note that begins there, and only then is it struck,
    /// as the renderer plays them.
    /// </summary>
    public enum Slot : byte { Meta, NoteOff, Program, Control, Lyric, NoteOn }

    private readonly record struct Event(long Tick, Slot Slot, int Key, int Sequence, byte[] Bytes);

    private readonly List<Event> _events = [];

    public void Meta(long tick, byte type, ReadOnlySpan<byte> data, Slot slot = Slot.Meta)
    {
        var bytes = new List<byte> { 0xFF, type };
        WriteVarLen(bytes, data.Length);
        bytes.AddRange(data.ToArray());
        Add(tick, slot, 0, [.. bytes]);
    }

    /// <summary>A text meta event (track name, marker, lyric) in UTF-8, which DAWs read for names in any script.</summary>
    public void Text(long tick, byte type, string text, Slot slot = Slot.Meta) => Meta(tick, type, Encoding.UTF8.GetBytes(text), slot);

    public void NoteOn(long tick, int channel, int pitch, int velocity) => Add(tick, Slot.NoteOn, pitch, [(byte)(0x90 | channel), (byte)pitch, (byte)velocity]);

    /// <summary>A note-off written as a note-on with velocity 0, so a chord's offs and ons share one running status.</summary>
    public void NoteOff(long tick, int channel, int pitch) => Add(tick, Slot.NoteOff, pitch, [(byte)(0x90 | channel), (byte)pitch, 0]);

    public void Control(long tick, int channel, int number, int value) => Add(tick, Slot.Control, 0, [(byte)(0xB0 | channel), (byte)number, (byte)value]);

    public void Program(long tick, int channel, int program) => Add(tick, Slot.Program, 0, [(byte)(0xC0 | channel), (byte)program]);

    private void Add(long tick, Slot slot, int key, byte[] bytes) =>
        _events.Add(new Event(Math.Max(0, tick), slot, key, _events.Count, bytes));

    /// <summary>The whole chunk ("MTrk", length, events, end of track at <paramref name="endTick"/> or after the last event).</summary>
    public byte[] Finish(long endTick)
    {
        // Notes at one tick go by key; controllers and meta events keep the order they were added in, so a part's
        // set-up comes before its own moves and a controller moved twice at one tick ends on its last value.
        var sorted = _events.OrderBy(e => e.Tick).ThenBy(e => e.Slot).ThenBy(e => e.Key).ThenBy(e => e.Sequence).ToList();
        var body = new List<byte>(sorted.Count * 4 + 16);
        long at = 0;
        byte running = 0;
        foreach (var e in sorted)
        {
            WriteVarLen(body, e.Tick - at);
            at = e.Tick;
            byte status = e.Bytes[0];
            if (status < 0xF0)
            {
                if (status != running) body.Add(status);
                running = status;
            }
            else
            {
                body.Add(status);
                running = 0;
            }
            for (int i = 1; i < e.Bytes.Length; i++) body.Add(e.Bytes[i]);
        }
        WriteVarLen(body, Math.Max(at, endTick) - at);
        body.AddRange([0xFF, 0x2F, 0x00]);

        var chunk = new List<byte>(body.Count + 8) { (byte)'M', (byte)'T', (byte)'r', (byte)'k' };
        chunk.AddRange(BigEndian(body.Count, 4));
        chunk.AddRange(body);
        return [.. chunk];
    }

    /// <summary>A MIDI variable-length quantity: 7 bits a byte, most significant first, the high bit on all but the last.</summary>
    public static void WriteVarLen(List<byte> to, long value)
    {
        if (value < 0 || value > 0x0FFFFFFF) throw new EngineException($"a MIDI delta time or length of {value} is out of range");
        Span<byte> buffer = stackalloc byte[4];
        int n = 0;
        do
        {
            buffer[n++] = (byte)(value & 0x7F);
            value >>= 7;
        } while (value > 0);
        for (int i = n - 1; i >= 0; i--) to.Add((byte)(buffer[i] | (i > 0 ? 0x80 : 0)));
    }

    public static byte[] BigEndian(long value, int bytes)
    {
        var result = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--, value >>= 8) result[i] = (byte)(value & 0xFF);
        return result;
    }
}
