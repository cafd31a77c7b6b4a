using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Edit;

/// <summary>
/// A recording seen as a score the editor can work on: no notes of its own (its audio is kept as it is), but its
/// frame, so new material composed in it lands on the recording's beat grid, in its key and metre, with its form's
/// sections around it. The grid is laid for each edit: a bar line falls exactly on the join, and the bar is the
/// length the recording plays there.
/// </summary>
internal static class RecordedSong
{
    public static ComposedSong For(Recording recording, SongEdit edit, CompositionRequest request)
    {
        double from = edit.From;
        double bar = recording.BarSecondsAt(from, edit.Kind == EditKind.Replace ? edit.To : null);
        // Bar lines before the join are laid back from it; the first lies within the first bar of the recording.
        double leadIn = from - Math.Floor(from / bar + 1e-9) * bar;
        int bpb = recording.BeatsPerBar;
        int totalBars = Math.Max((int)Math.Round((from - leadIn) / bar) + 1, (int)Math.Ceiling((recording.Seconds - leadIn) / bar - 1e-6));
        var style = StyleParser.FromRequest(request.Prompt, request.Sounds, request.SoundStrength);
        var preset = ModelPreset.Find(request.Model) ?? ModelPreset.Find(ModelPreset.DefaultModel)!;
        var voice = Voice(recording, request);
        var score = new Score
        {
            Tempo = 60.0 * bpb / bar, BeatsPerBar = bpb, KeyRoot = recording.KeyRoot, Minor = recording.Minor,
            Sections = Sections(recording, t => (int)Math.Round((t - leadIn) / bar), totalBars), Tracks = [], LeadIn = leadIn,
            ReverbRoom = style.Genre.Room, Mix = GenreSound.Mix(style.Genre),
        };
        return new ComposedSong(score, style, preset, [], []) { Voice = voice };
    }

    /// <summary>Who sings new material: whom the request asks for (its field, then its words), else a voice like the recording's.</summary>
    private static VoiceProfile Voice(Recording recording, CompositionRequest request)
    {
        string style = StyleParser.StyleText(request.Prompt, request.Sounds);
        string? gender = request.VocalGender ?? (VoiceProfile.NamesGender(style) ? null : recording.Singer);
        return VoiceProfile.Choose(style, gender, new Rng(request.Seed).Fork("voice"));
    }

    /// <summary>
    /// The recording as a song to cover: its sung tune and chords put on a beat grid that follows its downbeats (a
    /// performance drifts; the beat is read bar by bar), its form's sections, and its phrases as the lines to sing.
    /// Bars before the first downbeat (a pickup) become whole bars at the start.
    /// </summary>
    public static (ComposedSong Song, IReadOnlyList<Chord?> Chords) ForCover(Recording recording, CompositionRequest request) =>
        Tune(recording, request, new BeatGrid(recording).BeatOf, Score.DefaultLeadIn);

    /// <summary>
    /// The recording's tune and chords for a swap, on the recording's own time line (a steady grid at its tempo
    /// through its first downbeat), since the half it keeps plays there: a new voice sings where the old one sang,
    /// a new band plays under the old voice.
    /// </summary>
    public static (ComposedSong Song, IReadOnlyList<Chord?> Chords) ForSwap(Recording recording, CompositionRequest request)
    {
        double bar = recording.BarSeconds, beat = bar / recording.BeatsPerBar;
        double first = recording.Downbeats.Count > 0 ? recording.Downbeats[0] : 0;
        double leadIn = first - Math.Floor(first / bar + 1e-9) * bar;
        return Tune(recording, request, t => (t - leadIn) / beat, leadIn);
    }

    private static (ComposedSong Song, IReadOnlyList<Chord?> Chords) Tune(Recording recording, CompositionRequest request, Func<double, double> beatOf, double leadIn)
    {
        int bpb = recording.BeatsPerBar;
        int totalBars = Math.Max(1, (int)Math.Ceiling(beatOf(recording.Seconds) / bpb - 1e-6));
        var melody = Quantised(recording.Melody, beatOf);
        var lines = Phrases(melody, bpb);
        var chords = new Chord?[totalBars];
        foreach (var c in recording.Chords.Where(c => c.Root >= 0))
        {
            int bar = (int)Math.Round(beatOf(c.Start) / bpb);
            if (bar >= 0 && bar < totalBars)
                chords[bar] = new Chord(c.Root, [c.Root, (c.Root + (c.Minor ? 3 : 4)) % 12, (c.Root + 7) % 12]);
        }
        var style = StyleParser.FromRequest(request.Prompt, request.Sounds, request.SoundStrength);
        var preset = ModelPreset.Find(request.Model) ?? ModelPreset.Find(ModelPreset.DefaultModel)!;
        var voice = Voice(recording, request);
        var score = new Score
        {
            Tempo = recording.Tempo, BeatsPerBar = bpb, KeyRoot = recording.KeyRoot, Minor = recording.Minor,
            Sections = Sections(recording, t => (int)Math.Round(beatOf(t) / bpb), totalBars), Tracks = [], LeadIn = leadIn,
            ReverbRoom = style.Genre.Room, Mix = GenreSound.Mix(style.Genre),
        };
        return (new ComposedSong(score, style, preset, melody, lines) { Voice = voice }, chords);
    }

    /// <summary>The middle of the range sung melodies are written in (MIDI, D4).</summary>
    private const int WrittenMedian = 62;

    /// <summary>
    /// The heard notes in beats, starts and ends on the sixteenth, none shorter than one, none overlapping the next;
    /// each in the octave nearest the tune's middle around it (a heard octave slip is not sung as a leap), the whole
    /// in the written range.
    /// </summary>
    private static List<MelodyNote> Quantised(IReadOnlyList<RecordedNote> notes, Func<double, double> beatOf)
    {
        var result = new List<MelodyNote>();
        var ordered = notes.OrderBy(n => n.Start).ToList();
        if (ordered.Count == 0) return result;
        // The tune in the octave our melodies are written in (median near D4: a woman sings it as written, a man an
        // octave lower), whoever sang the recording.
        int shift = 12 * (int)Math.Round((WrittenMedian - ordered.Select(n => n.Pitch).Order().ElementAt(ordered.Count / 2)) / 12.0);
        for (int i = 0; i < ordered.Count; i++)
        {
            var n = ordered[i];
            var around = ordered.Skip(Math.Max(0, i - 6)).Take(13).Select(m => m.Pitch).Order().ToList();
            int middle = around[around.Count / 2];
            int pitch = n.Pitch;
            while (pitch - middle > 7) pitch -= 12;
            while (middle - pitch > 7) pitch += 12;
            pitch += shift;
            while (pitch > WrittenMedian + 14) pitch -= 12;
            while (pitch < WrittenMedian - 12) pitch += 12;
            n = n with { Pitch = pitch };
            double start = Math.Round(beatOf(n.Start) * 4) / 4, end = Math.Round(beatOf(n.End) * 4) / 4;
            if (start < 0) continue;
            if (result.Count > 0 && result[^1].Start >= start - 1e-6) continue;
            if (result.Count > 0 && result[^1].Start + result[^1].Length > start)
                result[^1] = result[^1] with { Length = start - result[^1].Start };
            result.Add(new MelodyNote(start, Math.Max(0.25, end - start), n.Pitch, "la"));
        }
        return result;
    }

    /// <summary>The tune's phrases, the lines to sing: a rest of a beat or more ends one, and none runs past two bars.</summary>
    private static List<LyricLine> Phrases(List<MelodyNote> melody, int bpb)
    {
        var lines = new List<LyricLine>();
        int first = 0;
        for (int i = 1; i <= melody.Count; i++)
        {
            bool ends = i == melody.Count
                || melody[i].Start - (melody[i - 1].Start + melody[i - 1].Length) >= 1 - 1e-6
                || melody[i].Start - melody[first].Start >= 2 * bpb - 1e-6;
            if (!ends) continue;
            var last = melody[i - 1];
            lines.Add(new LyricLine(string.Join(' ', Enumerable.Repeat("la", i - first)), melody[first].Start, last.Start + last.Length));
            first = i;
        }
        return lines;
    }

    /// <summary>
    /// Seconds to beats along a recording's downbeats (linear within each bar), the overall tempo before the first and
    /// after the last; beat 0 is the first downbeat, or a bar line before it when the tune starts earlier.
    /// </summary>
    private sealed class BeatGrid
    {
        private readonly IReadOnlyList<double> _downbeats;
        private readonly int _bpb;
        private readonly double _beat, _offset;

        public BeatGrid(Recording recording)
        {
            _downbeats = recording.Downbeats.Count > 0 ? recording.Downbeats : [0.0];
            _bpb = recording.BeatsPerBar;
            _beat = recording.BarSeconds / _bpb;
            // Whole bars before the first downbeat for a tune that starts before it (a pickup).
            double earliest = recording.Melody.Count > 0 ? Math.Min(recording.Melody.Min(n => n.Start), _downbeats[0]) : _downbeats[0];
            _offset = _bpb * Math.Ceiling((_downbeats[0] - earliest) / recording.BarSeconds - 1e-6);
        }

        public double BeatOf(double t)
        {
            var d = _downbeats;
            if (t <= d[0] || d.Count == 1) return _offset + (t - d[0]) / _beat;
            for (int i = 0; i + 1 < d.Count; i++)
                if (t < d[i + 1]) return _offset + _bpb * (i + (t - d[i]) / (d[i + 1] - d[i]));
            return _offset + _bpb * (d.Count - 1) + (t - d[^1]) / _beat;
        }
    }

    /// <summary>The recording's sections on the laid grid (each from the bar line nearest its start), covering every bar.</summary>
    private static List<Section> Sections(Recording recording, Func<double, int> barOf, int totalBars)
    {
        var starts = new List<(int Bar, RecordedSection Part)>();
        foreach (var s in recording.Sections.OrderBy(s => s.Start))
        {
            int b = Math.Clamp(barOf(s.Start), 0, totalBars - 1);
            if (starts.Count > 0 && starts[^1].Bar == b) starts[^1] = (b, s);
            else starts.Add((b, s));
        }
        if (starts.Count == 0 || starts[0].Bar != 0)
            starts.Insert(0, (0, new RecordedSection(0, 0, "Recording", SectionKind.Verse)));
        var sections = new List<Section>();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Bar : totalBars;
            var part = starts[i].Part;
            sections.Add(new Section(part.Label, part.Kind, starts[i].Bar, end - starts[i].Bar, SongForm.EnergyOf(part.Kind)));
        }
        return sections;
    }
}
