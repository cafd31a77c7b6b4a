using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The band plays like people and the record is mixed like one, measured on songs made over HTTP from requests the
/// prompt sweep generates: the players' parts from the exported MIDI (read with the tests' own reader), the mix from
/// the delivered audio (ffmpeg's ebur128, the stereo field).
/// </summary>
public class SoundTests(SoundSamplesFixture fixture, ITestOutputHelper output) : IClassFixture<SoundSamplesFixture>
{
    private List<SoundSample> Samples => fixture.Samples;

    /// <summary>Each section of the song as bars of the MIDI file: (kind, first bar, bar count), from the markers and the details.</summary>
    private static List<(string Kind, int First, int Bars)> Sections(SoundSample s)
    {
        var markers = s.Midi.Tracks.SelectMany(t => t.Markers).OrderBy(m => m.Tick).ToList();
        var kinds = s.Sections.Select(x => x.Kind).ToList();
        Assert.Equal(kinds.Count, markers.Count);
        var result = new List<(string, int, int)>();
        for (int i = 0; i < markers.Count; i++)
        {
            int first = s.Midi.Bar(markers[i].Tick);
            int end = i + 1 < markers.Count ? s.Midi.Bar(markers[i + 1].Tick) : s.Midi.Bar(s.Midi.EndTick);
            result.Add((kinds[i], first, end - first));
        }
        return result;
    }

    /// <summary>What a drum bar plays, crashes aside, on the grid: keys and sixteenth steps.</summary>
    private static string BarPattern(MidiSong midi, IEnumerable<MidiNote> bar) =>
        string.Join(" ", bar.Where(n => n.Pitch is not (49 or 57)).Select(n => $"{n.Pitch}@{Math.Round(midi.BeatInBar(n.StartTick) * 4) % (midi.TimeSignature.QuartersPerBar * 4)}")
            .Distinct().Order());

    private static IEnumerable<MidiNote> NotesInBar(MidiTrack track, MidiSong midi, int bar) =>
        track.Notes.Where(n => midi.Bar(n.StartTick + midi.TicksPerQuarter / 16) == bar);

    private static bool IsFill(IEnumerable<MidiNote> bar) =>
        bar.Any(n => n.Pitch is 41 or 43 or 45 or 47 or 48 or 50) || bar.Count(n => n.Pitch == 38) > 4;

    [Fact]
    public void Every_drum_part_plays_at_least_two_different_bars_in_each_section_longer_than_four_bars()
    {
        int checkedSections = 0;
        foreach (var s in Samples)
        {
            var drums = s.Midi.Tracks.FirstOrDefault(t => t.IsDrums);
            if (drums is null) continue;
            foreach (var (kind, first, bars) in Sections(s).Where(x => x.Bars > 4))
            {
                var patterns = Enumerable.Range(first, bars - 1).Select(b => NotesInBar(drums, s.Midi, b).ToList())
                    .Where(b => b.Count > 0 && !IsFill(b)).Select(b => BarPattern(s.Midi, b)).Distinct().ToList();
                if (patterns.Count == 0) continue;   // a section where the drums rest
                checkedSections++;
                Assert.True(patterns.Count >= 2, $"{s}: the {kind} at bar {first} repeats one bar ({patterns[0]})");
            }
        }
        output.WriteLine($"{checkedSections} sections checked");
        Assert.True(checkedSections >= 20, $"only {checkedSections} sections had drums");
    }

    [Fact]
    public void Verses_and_choruses_keep_time_on_different_cymbals()
    {
        int songs = 0;
        foreach (var s in Samples)
        {
            var drums = s.Midi.Tracks.FirstOrDefault(t => t.IsDrums);
            var sections = Sections(s);
            if (drums is null || !sections.Any(x => x.Kind == "verse") || !sections.Any(x => x.Kind == "chorus")) continue;
            string Cymbals(string kind) => string.Join(" ", sections.Where(x => x.Kind == kind)
                .SelectMany(x => Enumerable.Range(x.First, x.Bars).SelectMany(b => NotesInBar(drums, s.Midi, b)))
                .Where(n => n.Pitch is 42 or 44 or 46 or 51 or 53 or 59)
                .Select(n => $"{n.Pitch}@{Math.Round(s.Midi.BeatInBar(n.StartTick) * 4)}").Distinct().Order());
            string verse = Cymbals("verse"), chorus = Cymbals("chorus");
            if (verse.Length == 0 && chorus.Length == 0) continue;   // the drums rest in both
            songs++;
            Assert.True(verse != chorus, $"{s}: verse and chorus play the same cymbals ({verse})");
        }
        Assert.True(songs >= 4, $"only {songs} songs had drummed verses and choruses");
    }

    [Fact]
    public void Every_pitched_part_varies_its_velocity_by_at_least_eight()
    {
        foreach (var s in Samples)
            foreach (var t in s.Midi.Tracks.Where(t => !t.IsDrums && t.Notes.Count >= 16 && !t.Name.StartsWith("vocals", StringComparison.Ordinal)))
            {
                double mean = t.Notes.Average(n => n.Velocity);
                double sd = Math.Sqrt(t.Notes.Average(n => (n.Velocity - mean) * (n.Velocity - mean)));
                Assert.True(sd >= 8, $"{s}: {t.Name} velocities spread {sd:F1}");
            }
    }

    [Fact]
    public void Strummed_guitar_chords_spread_their_strings_over_five_to_forty_ms()
    {
        int strums = 0;
        foreach (var s in Samples)
            foreach (var t in s.Midi.Tracks.Where(t => !t.IsDrums && t.Program is >= 24 and <= 31 && t.Name.StartsWith("chords", StringComparison.Ordinal)))
            {
                // A strum: three or more notes struck within 50 ms of the first.
                var notes = t.Notes.OrderBy(n => n.Start).ToList();
                for (int i = 0; i < notes.Count;)
                {
                    int j = i;
                    while (j + 1 < notes.Count && notes[j + 1].Start - notes[i].Start < 0.05) j++;
                    if (j - i >= 2)
                    {
                        double spread = (notes[j].Start - notes[i].Start) * 1000;
                        Assert.InRange(spread, 5, 40);
                        strums++;
                    }
                    i = j + 1;
                }
            }
        output.WriteLine($"{strums} strums");
        Assert.True(strums >= 50, $"only {strums} strums were found");
    }

    [Fact]
    public void Genres_people_play_sit_three_to_fifteen_ms_off_the_grid_and_machines_on_it()
    {
        foreach (var s in Samples)
        {
            var midi = s.Midi;
            var offsets = midi.Tracks.Where(t => !t.Name.StartsWith("vocals", StringComparison.Ordinal)).SelectMany(t => t.Notes).Select(n =>
            {
                // The grid: sixteenths, and the swung off-beat eighth where the genre swings.
                double beat = midi.Beats(n.StartTick);
                double ms = Math.Abs(midi.GridOffsetMs(n.StartTick, 0.25));
                if (s.Swing > 0)
                {
                    double swung = Math.Floor(beat) + 0.5 + s.Swing / 6;
                    ms = Math.Min(ms, Math.Abs(beat - swung) * 60000 / midi.Tempo);
                }
                return ms;
            }).Order().ToList();
            double median = offsets[offsets.Count / 2];
            output.WriteLine($"{s}: median offset {median:F1} ms");
            if (s.Machine) Assert.True(median < 1, $"{s}: a machine-played genre is {median:F1} ms off the grid");
            else Assert.InRange(median, 3, 15);
        }
    }

    [Fact]
    public void In_most_sung_songs_every_chorus_is_at_least_one_lu_louder_than_the_verses()
    {
        int songs = 0, louder = 0;
        foreach (var s in Samples.Where(x => x.Sung))
        {
            var sections = s.Sections.ToList();
            if (!sections.Any(x => x.Kind == "verse") || !sections.Any(x => x.Kind == "chorus")) continue;
            var series = Media.ShortTermLoudness(s.Audio);
            double Median(double from, double to)
            {
                // The short-term window is 3 s: skip its first 3 s in the section so the one before does not leak in.
                var v = series.Where(p => p.Time >= Math.Min(from + 3, to - 0.5) && p.Time < to).Select(p => p.Lufs).Order().ToList();
                return v.Count == 0 ? double.NaN : v[v.Count / 2];
            }
            double verses = sections.Where(x => x.Kind == "verse").Select(x => Median(x.Start, x.End)).Where(double.IsFinite).Max();
            var choruses = sections.Where(x => x.Kind == "chorus").Select(x => Median(x.Start, x.End)).Where(double.IsFinite).ToList();
            songs++;
            bool ok = choruses.All(c => c >= verses + 1);
            louder += ok ? 1 : 0;
            output.WriteLine($"{s}: loudest verse {verses:F1} LUFS, choruses {string.Join(", ", choruses.Select(c => c.ToString("F1")))} {(ok ? "" : "MISS")}");
        }
        Assert.True(songs >= 5, $"only {songs} sung songs had verses and choruses");
        Assert.True(louder >= 0.8 * songs, $"choruses lift by 1 LU in {louder} of {songs} sung songs");
    }

    [Fact]
    public void The_mix_is_stereo_but_not_phasey()
    {
        foreach (var s in Samples)
        {
            double ratio = Media.SideToMidDb(s.Audio);
            output.WriteLine($"{s}: side/mid {ratio:F1} dB");
            Assert.InRange(ratio, -15, -4);
        }
    }
}
