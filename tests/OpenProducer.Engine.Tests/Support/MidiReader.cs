using System.Text;

namespace OpenProducer.Tests.Support;

/// <summary>
/// Reads Standard MIDI Files (type 0 and 1, ticks per quarter) on its own, sharing nothing with the engine's writer:
/// chunks, delta times, running status, note on and off (a note-on of velocity 0 is an off; offs close a key's
/// notes first in, first out), controllers, program changes, and the meta events for tempo, time and key
/// signatures, track names, lyrics and markers. It is strict where a lax reader would hide a writer's mistake:
/// running status after a meta event, a note-off with no note, a note never released, or a chunk that does not end
/// with end-of-track are errors.
/// </summary>
public static class MidiReader
{
    public static MidiSong Read(string path) => Read(File.ReadAllBytes(path));

    public static MidiSong Read(byte[] bytes)
    {
        int at = 0;
        if (Ascii(bytes, ref at, 4) != "MThd") throw new InvalidDataException("not a MIDI file: no MThd header");
        int headerLength = (int)Int(bytes, ref at, 4);
        if (headerLength < 6) throw new InvalidDataException($"MThd is {headerLength} bytes long");
        int format = (int)Int(bytes, ref at, 2), count = (int)Int(bytes, ref at, 2), division = (int)Int(bytes, ref at, 2);
        at += headerLength - 6;
        if (format is not (0 or 1)) throw new InvalidDataException($"format {format} is not read here");
        if ((division & 0x8000) != 0 || division == 0) throw new InvalidDataException("SMPTE time division is not read here");

        var raw = new List<RawTrack>();
        while (raw.Count < count)
        {
            if (at + 8 > bytes.Length) throw new InvalidDataException($"the file holds {raw.Count} of its {count} tracks");
            string id = Ascii(bytes, ref at, 4);
            int length = (int)Int(bytes, ref at, 4);
            if (at + length > bytes.Length) throw new InvalidDataException($"chunk {id} runs past the end of the file");
            // Chunks of other kinds may be skipped, as the standard asks.
            if (id == "MTrk") raw.Add(ReadTrack(bytes.AsSpan(at, length)));
            at += length;
        }
        if (format == 0 && raw.Count != 1) throw new InvalidDataException($"a type-0 file has {raw.Count} tracks");

        var song = new MidiSong
        {
            Format = format, TicksPerQuarter = division,
            Tempos = raw.SelectMany(t => t.Tempos).OrderBy(t => t.Tick).ToList(),
            TimeSignatures = raw.SelectMany(t => t.TimeSignatures).OrderBy(t => t.Tick).ToList(),
            KeySignatures = raw.SelectMany(t => t.Keys).OrderBy(t => t.Tick).ToList(),
            Tracks = raw.Select(r => new MidiTrack { Name = r.Name, Channel = r.Channel, Program = r.Program, EndTick = r.End }).ToList(),
        };
        for (int i = 0; i < raw.Count; i++)
        {
            var track = song.Tracks[i];
            foreach (var n in raw[i].Notes)
                track.Notes.Add(new MidiNote(n.Channel, n.Pitch, n.Velocity, n.On, n.Off, song.Seconds(n.On), song.Seconds(n.Off), song.Beats(n.On), song.Beats(n.Off)));
            track.Notes.Sort((a, b) => a.StartTick != b.StartTick ? a.StartTick.CompareTo(b.StartTick) : a.Pitch.CompareTo(b.Pitch));
            foreach (var c in raw[i].Controls)
                track.Controls.Add(new MidiControl(c.Channel, c.Number, c.Value, c.Tick, song.Seconds(c.Tick), song.Beats(c.Tick)));
            foreach (var (tick, text) in raw[i].Lyrics) track.Lyrics.Add(new MidiText(text, tick, song.Seconds(tick), song.Beats(tick)));
            foreach (var (tick, text) in raw[i].Markers) track.Markers.Add(new MidiText(text, tick, song.Seconds(tick), song.Beats(tick)));
        }
        return song;
    }

    private sealed class RawTrack
    {
        public string Name = "";
        public long End;
        public int Channel = -1;
        public int? Program;
        public readonly List<(int Channel, int Pitch, int Velocity, long On, long Off)> Notes = [];
        public readonly List<(int Channel, int Number, int Value, long Tick)> Controls = [];
        public readonly List<(long Tick, string Text)> Lyrics = [], Markers = [];
        public readonly List<MidiTempo> Tempos = [];
        public readonly List<MidiTimeSignature> TimeSignatures = [];
        public readonly List<MidiKeySignature> Keys = [];
    }

    private static RawTrack ReadTrack(ReadOnlySpan<byte> data)
    {
        var track = new RawTrack();
        var open = new Dictionary<(int Channel, int Pitch), Queue<(long Tick, int Velocity)>>();
        int at = 0, running = 0;
        long tick = 0;
        bool ended = false;
        while (at < data.Length)
        {
            if (ended) throw new InvalidDataException("events after end-of-track");
            tick += VarLen(data, ref at);
            int status = data[at];
            if (status >= 0x80) at++;
            else if (running == 0) throw new InvalidDataException($"a data byte with no running status at tick {tick}");
            else status = running;

            if (status == 0xFF)
            {
                running = 0;
                int type = data[at++];
                int length = (int)VarLen(data, ref at);
                var payload = data.Slice(at, length);
                at += length;
                ReadMeta(track, type, payload, tick, ref ended);
                continue;
            }
            if (status is 0xF0 or 0xF7)
            {
                running = 0;
                at += (int)VarLen(data, ref at);
                continue;
            }
            running = status;
            int kind = status & 0xF0, channel = status & 0x0F;
            int d1 = data[at++];
            int d2 = kind is 0xC0 or 0xD0 ? 0 : data[at++];
            if (track.Channel < 0) track.Channel = channel;
            switch (kind)
            {
                case 0x90 when d2 > 0:
                    if (!open.TryGetValue((channel, d1), out var queue)) open[(channel, d1)] = queue = new Queue<(long, int)>();
                    queue.Enqueue((tick, d2));
                    break;
                case 0x80 or 0x90:
                    if (!open.TryGetValue((channel, d1), out var q) || q.Count == 0)
                        throw new InvalidDataException($"a note-off for key {d1} on channel {channel} at tick {tick} with no note playing");
                    var (on, velocity) = q.Dequeue();
                    track.Notes.Add((channel, d1, velocity, on, tick));
                    break;
                case 0xB0:
                    track.Controls.Add((channel, d1, d2, tick));
                    break;
                case 0xC0:
                    track.Program ??= d1;
                    break;
            }
        }
        if (!ended) throw new InvalidDataException("a track without end-of-track");
        foreach (var ((channel, pitch), queue) in open)
            if (queue.Count > 0) throw new InvalidDataException($"key {pitch} on channel {channel} is never released");
        return track;
    }

    private static void ReadMeta(RawTrack track, int type, ReadOnlySpan<byte> payload, long tick, ref bool ended)
    {
        switch (type)
        {
            case 0x03 when track.Name.Length == 0:
                track.Name = Encoding.UTF8.GetString(payload);
                break;
            case 0x05:
                track.Lyrics.Add((tick, Encoding.UTF8.GetString(payload)));
                break;
            case 0x06:
                track.Markers.Add((tick, Encoding.UTF8.GetString(payload)));
                break;
            case 0x51 when payload.Length == 3:
                track.Tempos.Add(new MidiTempo(tick, payload[0] << 16 | payload[1] << 8 | payload[2]));
                break;
            case 0x58 when payload.Length >= 2:
                track.TimeSignatures.Add(new MidiTimeSignature(tick, payload[0], 1 << payload[1]));
                break;
            case 0x59 when payload.Length == 2:
                track.Keys.Add(new MidiKeySignature(tick, (sbyte)payload[0], payload[1] == 1));
                break;
            case 0x2F:
                ended = true;
                track.End = tick;
                break;
        }
    }

    private static long VarLen(ReadOnlySpan<byte> data, ref int at)
    {
        long value = 0;
        for (int i = 0; i < 4; i++)
        {
            byte b = data[at++];
            value = value << 7 | (long)(b & 0x7F);
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("a variable-length quantity longer than four bytes");
    }

    private static long Int(byte[] bytes, ref int at, int size)
    {
        long v = 0;
        for (int i = 0; i < size; i++) v = v << 8 | bytes[at++];
        return v;
    }

    private static string Ascii(byte[] bytes, ref int at, int size)
    {
        string s = Encoding.ASCII.GetString(bytes, at, size);
        at += size;
        return s;
    }
}
