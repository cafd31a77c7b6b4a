using OpenProducer.Engine.Composition;

namespace OpenProducer.Tests.Support;

/// <summary>
/// Checks a MIDI file read by <see cref="MidiReader"/> against the score it was made from: every part's notes
/// (pitch, velocity, start and end within one tick, in ticks and in seconds), its controllers, and the sung
/// melody with its syllables.
/// </summary>
public static class MidiScoreAssert
{
    /// <summary>Part tracks follow the conductor track, in the score's order.</summary>
    public static void PartsMatch(MidiSong midi, Score score)
    {
        Assert.Equal(score.Tracks.Count, midi.Tracks.Count(t => !t.Name.StartsWith("vocals", StringComparison.Ordinal)) - 1);
        for (int i = 0; i < score.Tracks.Count; i++)
        {
            var part = score.Tracks[i];
            var track = midi.Tracks[i + 1];
            Assert.StartsWith(part.Name + " (", track.Name);
            Assert.Equal(part.Channel, track.Channel);
            NotesMatch(midi, track, part, score.SecondsPerBeat);
            ControlsMatch(midi, track, part);
        }
    }

    /// <summary>
    /// Every note the synth would play appears once, with its pitch and velocity, starting within one tick of its
    /// beat (a note pushed ahead of beat 0 starts at 0) and ending within one tick of its end, or of the start of
    /// the next stroke of the same key when that comes first.
    /// </summary>
    public static void NotesMatch(MidiSong midi, MidiTrack track, Track part, double secondsPerBeat)
    {
        double tpq = midi.TicksPerQuarter, tickSeconds = secondsPerBeat / tpq;
        var playable = part.Notes.Where(n => n.Pitch is >= 0 and <= 127 && n.Velocity is >= 1 and <= 127).ToList();
        int checkedNotes = 0;
        foreach (var key in playable.GroupBy(n => n.Pitch))
        {
            // Two strokes of one key at one tick sound as one, the louder.
            var expected = key.GroupBy(n => Math.Round(Math.Max(0, n.Start) * tpq)).Select(g => g.MaxBy(n => n.Velocity)).OrderBy(n => n.Start).ToList();
            var actual = track.Notes.Where(n => n.Pitch == key.Key).OrderBy(n => n.StartTick).ToList();
            Assert.True(expected.Count == actual.Count, $"{track.Name}, key {key.Key}: {actual.Count} notes in the file, {expected.Count} in the score");
            for (int i = 0; i < expected.Count; i++)
            {
                var (e, a) = (expected[i], actual[i]);
                double start = Math.Max(0, e.Start), end = e.Start + e.Length;
                if (i + 1 < expected.Count) end = Math.Min(end, expected[i + 1].Start);
                Assert.True(Math.Abs(a.StartTick - start * tpq) <= 1, $"{track.Name}: {e} starts at tick {a.StartTick}");
                Assert.True(Math.Abs(a.Start - start * secondsPerBeat) <= tickSeconds + 1e-6, $"{track.Name}: {e} starts at {a.Start:F4} s");
                Assert.True(Math.Abs(a.EndTick - Math.Max(a.StartTick + 1, end * tpq)) <= 1, $"{track.Name}: {e} ends at tick {a.EndTick}");
                Assert.Equal(e.Velocity, a.Velocity);
                Assert.Equal(part.Channel, a.Channel);
                checkedNotes++;
            }
        }
        Assert.Equal(track.Notes.Count, checkedNotes);
    }

    /// <summary>The part's set-up at tick 0 (volume 100, its pan and reverb send), then every controller change of the score.</summary>
    public static void ControlsMatch(MidiSong midi, MidiTrack track, Track part)
    {
        var setup = track.Controls.Take(3).Select(c => (c.Tick, c.Number, c.Value)).ToList();
        Assert.Equal([(0L, 7, 100), (0L, 10, part.Pan), (0L, 91, part.Reverb)], setup);
        var expected = part.Controls.Where(c => c.Number is >= 0 and <= 127 && c.Value is >= 0 and <= 127)
            .Select(c => (Tick: (long)Math.Round(Math.Max(0, c.Beat) * midi.TicksPerQuarter), c.Number, c.Value))
            .OrderBy(c => c.Tick).ToList();
        var actual = track.Controls.Skip(3).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Number, expected[i].Value), (actual[i].Number, actual[i].Value));
            Assert.InRange(actual[i].Tick, expected[i].Tick - 1, expected[i].Tick + 1);
        }
    }

    /// <summary>
    /// The vocal track: one note per sung syllable, at the pitch the voice sings (<paramref name="transpose"/>
    /// semitones from the written melody), starting within a tick of the melody, each syllable a lyric event at
    /// its note's tick, followed by nothing but its punctuation and a space when it ends a word (the MIDI
    /// Association's lyric practice, RP-017). Returns the track.
    /// </summary>
    public static MidiTrack VocalMatches(MidiSong midi, IReadOnlyList<MelodyNote> sung, int transpose)
    {
        var vocal = Assert.Single(midi.Tracks, t => t.Name.StartsWith("vocals (", StringComparison.Ordinal));
        Assert.Same(midi.Tracks[^1], vocal);
        Assert.Equal(sung.Count, vocal.Notes.Count);
        for (int i = 0; i < sung.Count; i++)
        {
            Assert.Equal(sung[i].Pitch + transpose, vocal.Notes[i].Pitch);
            Assert.InRange(vocal.Notes[i].StartTick - sung[i].Start * midi.TicksPerQuarter, -1, 1);
        }
        var syllables = sung.Where(m => m.Syllable.Length > 0).ToList();
        Assert.Equal(syllables.Count, vocal.Lyrics.Count);
        for (int i = 0; i < syllables.Count; i++)
        {
            string text = vocal.Lyrics[i].Text;
            Assert.StartsWith(syllables[i].Syllable, text, StringComparison.Ordinal);
            Assert.Matches(@"^[^\p{L}\p{N}\s']*\s?$", text[syllables[i].Syllable.Length..]);
        }
        Assert.Equal(vocal.Notes.Where((_, i) => sung[i].Syllable.Length > 0).Select(n => n.StartTick), vocal.Lyrics.Select(l => l.Tick));
        return vocal;
    }
}
