using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Style;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// A song's score as a Standard MIDI File (type 1), to take into a DAW: a conductor track (title, tempo, time and
/// key signatures, a marker per section), one named track per part with its program, set-up (volume, pan, reverb
/// send), controller changes and notes, and, when the song is sung, a vocal track whose notes carry their
/// syllables as lyric events (spaced into words, see <see cref="MidiLyrics"/>). Beat 0 of the score is tick 0: the audio's lead-in of silence is not written.
/// The same composition and title always give the same bytes.
/// </summary>
public static class MidiFile
{
    /// <summary>
    /// Ticks per quarter note. At 960 a tick lasts about 0.5 ms at 120 bpm and 1 ms at 60 bpm, so the players'
    /// micro-timing (a few milliseconds off the grid) survives the export.
    /// </summary>
    public const int TicksPerQuarter = 960;

    /// <summary>The General MIDI program a DAW plays the vocal guide with (Voice Oohs).</summary>
    public const int VocalProgram = 53;

    public const string VocalTrackName = "vocals";

    /// <summary>Meta event types written here.</summary>
    private const byte TrackName = 0x03, Lyric = 0x05, Marker = 0x06, Tempo = 0x51, TimeSignature = 0x58, KeySignature = 0x59;

    public static byte[] Write(ComposedSong song, string title)
    {
        var score = song.Score;
        long end = Tick(score.TotalBeats);
        var chunks = new List<byte[]> { Conductor(score, title, end) };
        foreach (var t in score.Tracks) chunks.Add(Part(t, end));
        if (Vocal(song, end) is { } vocal) chunks.Add(vocal);

        var file = new List<byte>(chunks.Sum(c => c.Length) + 14);
        file.AddRange("MThd"u8.ToArray());
        file.AddRange(MidiTrackBuilder.BigEndian(6, 4));
        file.AddRange(MidiTrackBuilder.BigEndian(1, 2));
        file.AddRange(MidiTrackBuilder.BigEndian(chunks.Count, 2));
        file.AddRange(MidiTrackBuilder.BigEndian(TicksPerQuarter, 2));
        foreach (var c in chunks) file.AddRange(c);
        return [.. file];
    }

    /// <summary>
    /// Whether bytes are a whole file as <see cref="Write"/> makes them: a type-1 header, then exactly as many
    /// track chunks as it declares, each ending with an end-of-track event, and nothing after. A file cut short
    /// (a disk that filled, a copy that stopped) fails this.
    /// </summary>
    public static bool IsWhole(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 14 || !bytes[..4].SequenceEqual("MThd"u8) || ReadInt(bytes[4..8]) != 6 || ReadInt(bytes[8..10]) != 1) return false;
        long tracks = ReadInt(bytes[10..12]), at = 14;
        for (int i = 0; i < tracks; i++)
        {
            if (at + 8 > bytes.Length || !bytes.Slice((int)at, 4).SequenceEqual("MTrk"u8)) return false;
            long length = ReadInt(bytes.Slice((int)at + 4, 4));
            at += 8 + length;
            if (length < 3 || at > bytes.Length || !bytes.Slice((int)at - 3, 3).SequenceEqual((ReadOnlySpan<byte>)[0xFF, 0x2F, 0x00])) return false;
        }
        return at == bytes.Length;
    }

    /// <summary>
    /// The key signature's accidentals (sharps positive, flats negative) for a key, spelled with the fewest
    /// accidentals and, for the six-accidental keys, as the song's key name spells them (F# major, Eb minor).
    /// </summary>
    public static int Accidentals(int keyRoot, bool minor)
    {
        int pc = (keyRoot % 12 + 12) % 12;
        return minor ? MinorAccidentals[pc] : MajorAccidentals[pc];
    }

    private static readonly int[] MajorAccidentals = [0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5];
    private static readonly int[] MinorAccidentals = [-3, 4, -1, -6, 1, -4, 3, -2, 5, 0, -5, 2];

    /// <summary>The tick of a beat; a note pushed ahead of the first downbeat starts on it (a file has no negative time).</summary>
    public static long Tick(double beat) => Math.Max(0, (long)Math.Round(beat * TicksPerQuarter, MidpointRounding.AwayFromZero));

    private static byte[] Conductor(Score score, string title, long end)
    {
        var track = new MidiTrackBuilder();
        track.Text(0, TrackName, title);
        long microsPerQuarter = (long)Math.Round(60_000_000 / score.Tempo);
        track.Meta(0, Tempo, MidiTrackBuilder.BigEndian(microsPerQuarter, 3));
        // Numerator, denominator as a power of two (quarters), 24 MIDI clocks a click, 8 thirty-seconds a quarter.
        track.Meta(0, TimeSignature, [(byte)score.BeatsPerBar, 2, 24, 8]);
        track.Meta(0, KeySignature, [(byte)(sbyte)Accidentals(score.KeyRoot, score.Minor), (byte)(score.Minor ? 1 : 0)]);
        foreach (var s in score.Sections) track.Text(Tick(s.StartBar * score.BeatsPerBar), Marker, s.Label);
        return track.Finish(end);
    }

    private static byte[] Part(Track t, long end)
    {
        var track = new MidiTrackBuilder();
        string instrument = t.IsDrums ? $"{t.Kit} kit" : Instruments.GmName(t.Program);
        track.Text(0, TrackName, $"{t.Name} ({instrument})");
        int channel = t.Channel & 0x0F;
        // Drums pick their kit by program on channel 10, as GS players and most DAWs' GM instruments do.
        track.Program(0, channel, Math.Clamp(t.IsDrums ? SoundSet.GsProgram(t.Kit) : t.Program, 0, 127));
        // The renderer's set-up for every part: full channel volume, the part's pan and its reverb send.
        track.Control(0, channel, Control.Volume, 100);
        track.Control(0, channel, 10, Math.Clamp(t.Pan, 0, 127));
        track.Control(0, channel, 91, Math.Clamp(t.Reverb, 0, 127));
        foreach (var c in t.Controls)
            if (c.Number is >= 0 and <= 127 && c.Value is >= 0 and <= 127)
                track.Control(Tick(c.Beat), channel, c.Number, c.Value);
        foreach (var (on, off, pitch, velocity) in Playable(t.Notes))
        {
            track.NoteOn(on, channel, pitch, velocity);
            track.NoteOff(off, channel, pitch);
        }
        return track.Finish(end);
    }

    /// <summary>
    /// The notes as ticks, as the synth plays them: keys and velocities outside MIDI's range are left out (FluidSynth
    /// refuses them), every note lasts at least a tick, and a note struck again before it ended is cut where the
    /// new one begins (FluidSynth releases it there too), so no reader has to guess which note-off ends which note.
    /// Of two strokes of one key at one tick, the louder is kept: it is the one the renderer plays last.
    /// </summary>
    public static List<(long On, long Off, int Pitch, int Velocity)> Playable(IEnumerable<Note> notes)
    {
        var list = notes.Where(n => n.Pitch is >= 0 and <= 127 && n.Velocity is >= 1 and <= 127)
            .Select(n =>
            {
                long on = Tick(n.Start);
                return (On: on, Off: Math.Max(on + 1, Tick(n.Start + n.Length)), n.Pitch, n.Velocity);
            })
            .OrderBy(n => n.On).ThenBy(n => n.Pitch).ThenBy(n => n.Velocity).ToList();
        var last = new Dictionary<int, int>();
        var dropped = new bool[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            var n = list[i];
            if (last.TryGetValue(n.Pitch, out int j) && list[j].Off > n.On)
            {
                list[j] = list[j] with { Off = n.On };
                dropped[j] = list[j].Off <= list[j].On;
            }
            last[n.Pitch] = i;
        }
        return list.Where((_, i) => !dropped[i]).ToList();
    }

    /// <summary>
    /// The sung melody as the voice sings it (an octave down for a male voice), one syllable per note, on the first
    /// channel no part uses. The voice has no velocities of its own; the guide follows the section's energy and
    /// leans on the bar's strong beats, so it plays back phrased rather than flat.
    /// </summary>
    private static byte[]? Vocal(ComposedSong song, long end)
    {
        if (!song.HasLyrics) return null;
        // Each sung line's notes, with the text its syllables show as lyric events.
        var notes = new List<(MelodyNote Note, string Text)>();
        foreach (var line in song.Lines.Where(l => Singer.Sings(l.Text)))
        {
            var sung = song.Melody.Where(m => m.Start >= line.Start - 1e-6 && m.Start < line.End - 1e-6).ToList();
            notes.AddRange(sung.Zip(MidiLyrics.Display(line.Text, sung.Select(m => m.Syllable).ToList())));
        }
        if (notes.Count == 0) return null;
        var score = song.Score;
        int channel = Enumerable.Range(0, 16).FirstOrDefault(c => c != 9 && score.Tracks.All(t => (t.Channel & 0x0F) != c), 15);
        int transpose = Singer.Transpose(song.Voice.Gender);
        var track = new MidiTrackBuilder();
        track.Text(0, TrackName, $"{VocalTrackName} ({song.Voice.Gender.ToString().ToLowerInvariant()} voice)");
        track.Program(0, channel, VocalProgram);
        track.Control(0, channel, Control.Volume, 100);
        track.Control(0, channel, 10, 64);
        for (int i = 0; i < notes.Count; i++)
        {
            var (m, text) = notes[i];
            int pitch = m.Pitch + transpose;
            if (pitch is < 0 or > 127) continue;
            long on = Tick(m.Start), off = Math.Max(on + 1, Tick(m.Start + m.Length));
            // One voice sings one note at a time: a note held past the next one's start ends there.
            if (i + 1 < notes.Count) off = Math.Max(on + 1, Math.Min(off, Tick(notes[i + 1].Note.Start)));
            if (text.Length > 0) track.Text(on, Lyric, text, MidiTrackBuilder.Slot.Lyric);
            track.NoteOn(on, channel, pitch, VocalVelocity(score, m.Start));
            track.NoteOff(off, channel, pitch);
        }
        return track.Finish(end);
    }

    private static int VocalVelocity(Score score, double beat)
    {
        int bar = (int)Math.Floor(beat / score.BeatsPerBar);
        double energy = score.Sections.FirstOrDefault(s => bar >= s.StartBar && bar < s.StartBar + s.Bars)?.Energy ?? 0.6;
        double inBar = beat - bar * score.BeatsPerBar;
        int accent = Math.Abs(inBar) < 1e-6 ? 8 : score.BeatsPerBar == 4 && Math.Abs(inBar - 2) < 1e-6 ? 4 : 0;
        return Math.Clamp((int)Math.Round(50 + 50 * energy) + accent, 1, 127);
    }

    private static long ReadInt(ReadOnlySpan<byte> bytes)
    {
        long v = 0;
        foreach (byte b in bytes) v = v << 8 | b;
        return v;
    }
}
