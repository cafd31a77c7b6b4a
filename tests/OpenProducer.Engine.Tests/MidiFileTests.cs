using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>The MIDI export, read back with the tests' own reader.</summary>
public class MidiFileTests
{
    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    private static ComposedSong Compose(string prompt, ulong seed, string lyric = "", bool instrumental = false) =>
        Composer.Compose(new CompositionRequest { Prompt = prompt, Seed = seed, Lyric = lyric, Instrumental = instrumental });

    private static List<MelodyNote> Sung(ComposedSong c) =>
        c.Melody.Where(m => c.Lines.Any(l => Singer.Sings(l.Text) && m.Start >= l.Start - 1e-6 && m.Start < l.End - 1e-6)).ToList();

    /// <summary>A type-0 file written by hand, byte by byte; <paramref name="statusAfterMeta"/> false leaves it out, as a broken writer would.</summary>
    private static byte[] HandWritten(bool statusAfterMeta)
    {
        byte[] body =
        [
            0x00, 0xFF, 0x03, 0x04, .. "Solo"u8,
            0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,      // 500 000 µs a quarter: 120 bpm
            0x00, 0xFF, 0x58, 0x04, 0x06, 0x03, 0x24, 0x08, // 6/8
            0x00, 0xFF, 0x59, 0x02, 0xFD, 0x01,             // three flats, minor: C minor
            0x00, 0xC2, 0x18,                               // program 24 on channel 3
            0x00, 0x92, 60, 100,                            // note on
            0x00, 64, 90,                                   // running status: a second note on
            0x83, 0x60, 60, 0,                              // 480 ticks later, velocity 0: an off
            0x00, 0xFF, 0x05, 0x02, .. "la"u8,              // a meta event ends the running status
            0x00, .. (statusAfterMeta ? (byte[])[0x82] : []), 64, 0x40, // a real note-off
            0x81, 0x70, 0xB2, 64, 127,                      // 240 ticks later, the pedal down
            0x00, 0xFF, 0x2F, 0x00,
        ];
        return [.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xE0, .. "MTrk"u8, 0, 0, 0, (byte)body.Length, .. body];
    }

    [Fact]
    public void The_reader_reads_running_status_velocity_zero_offs_and_meta_events_of_a_type_0_file()
    {
        var song = MidiReader.Read(HandWritten(statusAfterMeta: true));
        Assert.Equal((0, 480, 120.0), (song.Format, song.TicksPerQuarter, song.Tempo));
        Assert.Equal((6, 8, 3.0), (song.TimeSignature.Numerator, song.TimeSignature.Denominator, song.TimeSignature.QuartersPerBar));
        Assert.Equal((-3, true, 0), (song.Key!.Accidentals, song.Key.Minor, song.Key.TonicPitchClass));
        var track = Assert.Single(song.Tracks);
        Assert.Equal(("Solo", 2, (int?)24), (track.Name, track.Channel, track.Program));
        Assert.Equal([(60, 100, 0L, 480L), (64, 90, 0L, 480L)], track.Notes.Select(n => (n.Pitch, n.Velocity, n.StartTick, n.EndTick)));
        Assert.Equal(0.5, track.Notes[0].End, 9);
        Assert.Equal(1.0, track.Notes[0].EndBeat, 9);
        Assert.Equal(("la", 480L), (track.Lyrics[0].Text, track.Lyrics[0].Tick));
        Assert.Equal((64, 127, 720L, 0.75), (track.Controls[0].Number, track.Controls[0].Value, track.Controls[0].Tick, track.Controls[0].Seconds));
        Assert.Equal((0, 1.5), (song.Bar(720), song.BeatInBar(720)));

        // Strict where a lax reader would hide a writer's mistake: a data byte right after a meta event.
        Assert.Throws<InvalidDataException>(() => MidiReader.Read(HandWritten(statusAfterMeta: false)));
    }

    [Fact]
    public void A_hand_written_score_keeps_every_note_controller_and_a_3_ms_push_and_names_its_parts()
    {
        var song = Compose("jazz waltz", 3, Lyric);
        double spb = 60.0 / 93, push = 0.003 / spb;
        var piano = new Track { Name = "piano", Role = TrackRole.Chords, Channel = 2, Program = 0, Gain = 1, Pan = 30, Reverb = 50 };
        piano.Notes.AddRange([
            new Note(-0.01, 1, 67, 70),           // pushed ahead of the first downbeat: starts on it
            new Note(0, 1, 60, 80),
            new Note(1 + push, 0.5, 64, 90),      // 3 ms behind the beat
            new Note(3, 2, 72, 100), new Note(4, 1, 72, 110), // struck again while it rings: cut where the new one begins
            new Note(5, 1, 130, 80), new Note(5, 1, 62, 0),   // no such key, no sound: left out
        ]);
        piano.Controls.AddRange([new Control(-0.5, Control.Sustain, 127), new Control(2.98, Control.Sustain, 0), new Control(3, Control.Expression, 90)]);
        var drums = new Track { Name = "drums", Role = TrackRole.Drums, Channel = 9, Program = 0, Gain = 1, Kit = DrumKit.Jazz };
        drums.Notes.AddRange([new Note(0, 0.25, 36, 100), new Note(1, 0.25, 38, 64), new Note(2, 0.25, 42, 50)]);
        var score = new Score { Tempo = 93, BeatsPerBar = 3, KeyRoot = 10, Minor = true, Sections = song.Score.Sections, Tracks = [piano, drums] };
        var midi = MidiReader.Read(MidiFile.Write(song with { Score = score }, "Hand Made"));

        Assert.Equal((1, 960), (midi.Format, midi.TicksPerQuarter));
        Assert.Equal(4, midi.Tracks.Count);
        // Every track runs to the song's last bar line, so a DAW shows the whole form.
        Assert.All(midi.Tracks, t => Assert.Equal((long)score.TotalBeats * 960, t.EndTick));
        Assert.Equal("Hand Made", midi.Tracks[0].Name);
        Assert.Equal(93, midi.Tempo, 0.01);
        Assert.Equal((3, 4), (midi.TimeSignature.Numerator, midi.TimeSignature.Denominator));
        Assert.Equal((-5, true, 10), (midi.Key!.Accidentals, midi.Key.Minor, midi.Key.TonicPitchClass));
        Assert.Equal(("piano (Acoustic Grand Piano)", 2, (int?)0), (midi.Tracks[1].Name, midi.Tracks[1].Channel, midi.Tracks[1].Program));
        // The jazz kit is GS program 32 on General MIDI's drum channel (10, 9 counted from 0).
        Assert.Equal(("drums (Jazz kit)", 9, (int?)32), (midi.Tracks[2].Name, midi.Tracks[2].Channel, midi.Tracks[2].Program));

        var notes = midi.Tracks[1].Notes;
        Assert.Equal([(0L, 960L, 60, 80), (0L, 950L, 67, 70), (964L, 1444L, 64, 90), (2880L, 3840L, 72, 100), (3840L, 4800L, 72, 110)],
            notes.Select(n => (n.StartTick, n.EndTick, n.Pitch, n.Velocity)));
        var pushed = notes[2];
        Assert.Equal(1 * spb + 0.003, pushed.Start, 0.0007);
        Assert.Equal(3, midi.GridOffsetMs(pushed.StartTick, 0.5), 0.7);
        Assert.Equal(1 + push, pushed.StartBeat, 1.0 / 960);
        Assert.Equal([(7, 100, 0L), (10, 30, 0L), (91, 50, 0L), (64, 127, 0L), (64, 0, 2861L), (11, 90, 2880L)],
            midi.Tracks[1].Controls.Select(c => (c.Number, c.Value, c.Tick)));
        MidiScoreAssert.PartsMatch(midi, score);

        // The conductor marks every section at its bar line; the vocal track carries the sung syllables.
        Assert.Equal(score.Sections.Select(s => (s.Label, (long)s.StartBar * 3 * 960)), midi.Tracks[0].Markers.Select(m => (m.Text, m.Tick)));
        MidiScoreAssert.VocalMatches(midi, Sung(song), Singer.Transpose(song.Voice.Gender));
    }

    [Fact]
    public void A_composed_sung_song_exports_every_part_and_the_sung_syllables_in_order_and_the_same_bytes_twice()
    {
        // Bossa nova chords ring past the next stroke of the same key, which the export must cut cleanly.
        var song = Compose("bossa nova with a female singer", 21, Lyric);
        byte[] bytes = MidiFile.Write(song, "Rio");
        var midi = MidiReader.Read(bytes);
        Assert.Equal(song.Score.Tracks.Count + 2, midi.Tracks.Count);
        Assert.Equal(song.Score.Tempo, midi.Tempo, 0.01);
        Assert.Equal(song.Score.BeatsPerBar, midi.TimeSignature.Numerator);
        Assert.Equal((song.Score.KeyRoot, song.Score.Minor), (midi.Key!.TonicPitchClass, midi.Key.Minor));
        MidiScoreAssert.PartsMatch(midi, song.Score);
        var vocal = MidiScoreAssert.VocalMatches(midi, Sung(song), Singer.Transpose(song.Voice.Gender));
        Assert.Equal("vocals (female voice)", vocal.Name);
        Assert.Equal(MidiFile.VocalProgram, vocal.Program);
        Assert.DoesNotContain(vocal.Channel, song.Score.Tracks.Select(t => t.Channel));
        // Sung notes are phrased: choruses louder than verses.
        var chorus = song.Score.Sections.First(s => s.Kind == SectionKind.Chorus);
        double chorusStart = chorus.StartBar * song.Score.BeatsPerBar;
        Assert.True(vocal.Notes.Where(n => n.StartBeat >= chorusStart).Average(n => n.Velocity) > vocal.Notes.Where(n => n.StartBeat < chorusStart).Average(n => n.Velocity) + 5);

        Assert.Equal(bytes, MidiFile.Write(Compose("bossa nova with a female singer", 21, Lyric), "Rio"));
        Assert.True(MidiFile.IsWhole(bytes));
    }

    [Theory]
    [InlineData("[Verse]\nHold me close, and hold me tight!\nI'm falling into the light\n[Chorus]\nNever let the morning come\nSing it loud for everyone", "pop with a male singer")]
    [InlineData("[Verse]\n让明亮的光芒飞翔\n月光照亮回家的路\n[Chorus]\n我们一起唱\n唱到天亮", "中国风")]
    public void Lyric_events_spell_the_sung_lines_with_a_space_after_every_word(string lyric, string prompt)
    {
        var song = Compose(prompt, 8, lyric);
        var midi = MidiReader.Read(MidiFile.Write(song, "Words"));
        var vocal = MidiScoreAssert.VocalMatches(midi, Sung(song), Singer.Transpose(song.Voice.Gender));
        var lines = lyric.Split('\n').Where(l => !l.StartsWith('[')).ToList();
        Assert.Equal(string.Join(" ", lines) + " ", string.Concat(vocal.Lyrics.Select(l => l.Text)));
        // Every word's last syllable, and only it, ends with a space: a karaoke display needs no other rule.
        int words = lines.Sum(l => l.Split(' ').Length);
        Assert.Equal(words, vocal.Lyrics.Count(l => l.Text.EndsWith(' ')));
    }

    [Fact]
    public void An_instrumental_has_no_vocal_track_and_its_lead_plays_the_tune()
    {
        var song = Compose("calm piano", 5, Lyric, instrumental: true);
        var midi = MidiReader.Read(MidiFile.Write(song, "Calm"));
        Assert.Equal(song.Score.Tracks.Count + 1, midi.Tracks.Count);
        Assert.DoesNotContain(midi.Tracks, t => t.Lyrics.Count > 0 || t.Name.StartsWith("vocals", StringComparison.Ordinal));
        Assert.True(midi.Track("lead")!.Notes.Count >= song.Melody.Count / 2);
        MidiScoreAssert.PartsMatch(midi, song.Score);
    }

    [Fact]
    public void Every_key_signature_names_the_key_with_at_most_six_accidentals()
    {
        for (int root = 0; root < 12; root++)
        foreach (bool minor in new[] { false, true })
        {
            var key = new MidiKeySignature(0, MidiFile.Accidentals(root, minor), minor);
            Assert.Equal(root, key.TonicPitchClass);
            Assert.InRange(key.Accidentals, -6, 6);
        }
    }

    [Fact]
    public void A_file_cut_short_or_with_bytes_after_it_is_not_whole()
    {
        byte[] bytes = MidiFile.Write(Compose("rock", 2, Lyric), "Cut");
        Assert.True(MidiFile.IsWhole(bytes));
        Assert.False(MidiFile.IsWhole(bytes.AsSpan(..^1)));
        Assert.False(MidiFile.IsWhole(bytes.AsSpan(..(bytes.Length / 2))));
        Assert.False(MidiFile.IsWhole([.. bytes, 0]));
        Assert.False(MidiFile.IsWhole([]));
    }
}
