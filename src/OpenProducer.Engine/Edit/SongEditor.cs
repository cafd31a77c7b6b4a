using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Edit;

/// <summary>
/// The score side of editing: from a song's recipe, the composition of the edited song. An extension or a
/// replacement keeps the song's notes outside the new material and composes the new part inside the song's own
/// frame (tempo, metre, key, voice, instruments); a cover or an instrumental swap arranges the song's own tune and
/// words again in a new style; a vocal swap changes only who sings and, if asked, the words.
/// </summary>
public static partial class SongEditor
{
    private static readonly int[] LinesPerPhrase = [4, 2, 1];

    /// <summary>The length of the ring after the last bar that the renderer adds (seconds).</summary>
    private const double Tail = 2.5;

    /// <summary>The song an edit makes: its source composed (and edited, for an edit of an edit), then the edit applied.</summary>
    public static ComposedSong Compose(SongRecipe recipe)
    {
        if (recipe.Edit is not { } edit) return Composer.Compose(recipe.Request);
        if (edit.Source.Recording is { } recording) return OnRecording(recording, recipe.Request, edit);
        var song = Compose(edit.Source);
        return edit.Kind switch
        {
            EditKind.Extend => Extend(song, recipe.Request, edit),
            EditKind.Replace => Replace(song, recipe.Request, edit),
            EditKind.Cover => Cover(song, recipe.Request, edit.Strength),
            EditKind.SwapVocals => SwapVocals(song, recipe.Request),
            EditKind.SwapInstrumentals => Rearrange(song, recipe.Request, tempo: song.Score.Tempo, voice: song.Voice),
            _ => throw new EngineException($"unknown edit {edit.Kind}"),
        };
    }

    /// <summary>
    /// An edit of a user's recording: new material composed in the recording's frame (see <see cref="RecordedSong"/>).
    /// Its band is the new material's, so the song's mix is the new material's style.
    /// </summary>
    private static ComposedSong OnRecording(Recording recording, CompositionRequest request, SongEdit edit)
    {
        var song = RecordedSong.For(recording, edit, request);
        return edit.Kind switch
        {
            EditKind.Extend => Extend(song, request, edit),
            EditKind.Replace => Replace(song, request, edit),
            EditKind.Cover => CoverRecording(recording, request, edit.Strength),
            EditKind.SwapVocals => SwapVocals(Worded(RecordedSong.ForSwap(recording, request).Song, request), request),
            EditKind.SwapInstrumentals => SwapBandOfRecording(recording, request),
            _ => throw new EngineException($"a recording cannot be edited by {edit.Kind}"),
        };
    }

    /// <summary>
    /// A new band under a recording's own voice: the style's players on the recording's time line, playing its
    /// chords bar by bar (its tune is the voice's, kept; the lead instrument answers between the sung phrases).
    /// </summary>
    private static ComposedSong SwapBandOfRecording(Recording recording, CompositionRequest request)
    {
        var (song, chords) = RecordedSong.ForSwap(recording, request);
        var band = Rearrange(song, request, song.Score.Tempo, song.Voice, chords);
        var s = band.Score;
        // The band starts where the recording's first bar does.
        return band with
        {
            Score = new Score
            {
                Tempo = s.Tempo, BeatsPerBar = s.BeatsPerBar, KeyRoot = s.KeyRoot, Minor = s.Minor, Sections = s.Sections, Tracks = s.Tracks,
                LeadIn = song.Score.LeadIn, ReverbRoom = s.ReverbRoom, Mix = s.Mix,
            },
        };
    }

    /// <summary>A recording's tune with words on it: the request's, or new ones written for its phrases.</summary>
    private static ComposedSong Worded(ComposedSong song, CompositionRequest request) =>
        song.Lines.Count == 0 ? song : Retext(song, string.IsNullOrWhiteSpace(request.Lyric) ? NewWords(song, request) : request.Lyric);

    /// <summary>
    /// A cover of a recording: its heard tune, chords and form, arranged in the request's style and sung by our
    /// voice, to the request's words or, without them, to new words the writer fits to the tune's phrases.
    /// </summary>
    private static ComposedSong CoverRecording(Recording recording, CompositionRequest request, double strength)
    {
        var (song, chords) = RecordedSong.ForCover(recording, request);
        // Without a voice, the lead instrument plays the tune.
        if (request.Instrumental) song = song with { Lines = [] };
        else if (string.IsNullOrWhiteSpace(request.Lyric) && song.Lines.Count > 0) request = request with { Lyric = NewWords(song, request) };
        return Cover(song, request, strength, chords);
    }

    /// <summary>New words for a tune's phrases: a line for each, written for the section each falls in.</summary>
    private static string NewWords(ComposedSong song, CompositionRequest request)
    {
        var score = song.Score;
        var counts = score.Sections
            .Select(s => (Kind: s.Kind.ToString(), Lines: song.Lines.Count(l => l.Start >= s.StartBar * score.BeatsPerBar - 1e-6 && l.Start < (s.StartBar + s.Bars) * score.BeatsPerBar - 1e-6)))
            .Where(c => c.Lines > 0).ToList();
        var written = LyricWriter.Write(StyleParser.StyleText(request.Prompt, request.Sounds), counts, new Rng(request.Seed).Fork("cover words"));
        return string.Join('\n', written.SelectMany(lines => lines));
    }

    /// <summary>
    /// The song up to <see cref="SongEdit.From"/>, then new sections in its frame. The new material begins on the
    /// first bar line at or after that point where no sung line is cut, so the last phrase ends as written; the
    /// audio changes over at <see cref="SongEdit.From"/> itself, where both renders play the same notes.
    /// </summary>
    private static ComposedSong Extend(ComposedSong song, CompositionRequest request, SongEdit edit)
    {
        var score = song.Score;
        int bpb = score.BeatsPerBar;
        int bar = ClearOfLines(song, Math.Clamp((int)Math.Ceiling(BeatAt(score, edit.From) / bpb - 1e-6), 0, score.TotalBars), +1);
        double barSeconds = bpb * score.SecondsPerBeat;
        double newSeconds = edit.Seconds is double asked ? edit.From + asked - score.TimeOf(bar * bpb) - Tail : 60;
        int bars = Math.Max(1, (int)Math.Round(newSeconds / barSeconds));
        var plan = NewSections(request.Lyric, score, bars, fixedLength: edit.Seconds is not null);
        var part = Composer.Compose(request, new Composer.Frame(score.Tempo, bpb, score.KeyRoot, score.Minor, plan) { Voice = song.Voice });
        return Merge(song, part, bar, int.MaxValue);
    }

    /// <summary>
    /// Re-composes the bars inside the span (new words sung there), keeping the song's notes on both sides. The
    /// new bars are those wholly inside the span and clear of sung lines that cross its edges; a span shorter than
    /// a bar re-composes the bars it touches.
    /// </summary>
    private static ComposedSong Replace(ComposedSong song, CompositionRequest request, SongEdit edit)
    {
        var score = song.Score;
        int bpb = score.BeatsPerBar, total = score.TotalBars;
        double from = BeatAt(score, edit.From) / bpb, to = BeatAt(score, edit.To) / bpb;
        int first = ClearOfLines(song, Math.Clamp((int)Math.Ceiling(from - 1e-6), 0, total), +1);
        int last = ClearOfLines(song, Math.Clamp((int)Math.Floor(to + 1e-6), 0, total), -1);
        if (last - first < 1)
        {
            first = Math.Clamp((int)Math.Floor(from), 0, total - 1);
            last = Math.Clamp((int)Math.Ceiling(to), first + 1, total);
        }
        int bars = last - first;
        var host = score.Sections.Where(s => s.StartBar < last && s.StartBar + s.Bars > first)
            .MaxBy(s => Math.Min(last, s.StartBar + s.Bars) - Math.Max(first, s.StartBar))!;
        var sheet = LyricSheet.Parse(request.Lyric);
        var lines = sheet.SelectMany(s => s.Lines).Take(bars).ToList();
        string label = sheet.FirstOrDefault(s => s.Tagged)?.Label ?? host.Label;
        int perLine = lines.Count == 0 ? 2 : LinesPerPhrase.First(n => n == 1 || n * lines.Count <= bars);
        var section = new Section(label, host.Kind, 0, bars, host.Energy);
        var plan = new List<PlannedSection> { new(section, lines, lines.Count == 0 ? 0 : perLine) };
        var part = Composer.Compose(request, new Composer.Frame(score.Tempo, bpb, score.KeyRoot, score.Minor, plan) { Voice = song.Voice });
        return Merge(song, part, first, last);
    }

    /// <summary>
    /// The same song in another style: its tune, words, form and key, arranged by the new style's writers. The
    /// strength (0–1) decides how far it moves: how much of the tempo change toward the new style it takes, and
    /// how many parts change instrument.
    /// </summary>
    private static ComposedSong Cover(ComposedSong song, CompositionRequest request, double strength, IReadOnlyList<Chord?>? chords = null)
    {
        if (!string.IsNullOrWhiteSpace(request.Lyric)) song = Retext(song, request.Lyric);
        double styleTempo = Composer.Compose(request with { Lyric = "", WriteLyrics = false }).Score.Tempo;
        double tempo = Math.Round(song.Score.Tempo + 0.5 * strength * (styleTempo - song.Score.Tempo));
        var voice = request.VocalGender is null ? song.Voice : VoiceProfile.Choose(StyleParser.StyleText(request.Prompt, request.Sounds), request.VocalGender, new Rng(request.Seed).Fork("voice"));
        var cover = Rearrange(song, request, tempo, voice, chords);
        // Below full strength, some parts keep the original's instruments (the seed decides which).
        var keep = new Rng(request.Seed).Fork("cover");
        var tracks = cover.Score.Tracks.Select(t =>
            song.Score.Tracks.FirstOrDefault(o => o.Channel == t.Channel && !t.IsDrums) is { } original && !keep.Chance(strength)
                ? Copy(t, original.Program, t.Notes) : t).ToList();
        return cover with { Score = Rebuilt(cover.Score, tracks) };
    }

    /// <summary>A new arrangement of the song's own tune and words (kept note for note), in the request's style.</summary>
    private static ComposedSong Rearrange(ComposedSong song, CompositionRequest request, double tempo, VoiceProfile voice, IReadOnlyList<Chord?>? chords = null)
    {
        var score = song.Score;
        var plan = score.Sections.Select(s => new PlannedSection(s, [], 0)).ToList();
        var frame = new Composer.Frame(tempo, score.BeatsPerBar, score.KeyRoot, score.Minor, plan) { Melody = song.Melody, Lines = song.Lines, Voice = voice, BarChords = chords };
        var result = Composer.Compose(request with { WriteLyrics = false, Instrumental = false }, frame);
        return result with { WrittenLyric = null };
    }

    /// <summary>Another voice (from the prompt and vocal_gender, else the seed), and new words when a lyric is given.</summary>
    private static ComposedSong SwapVocals(ComposedSong song, CompositionRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Lyric)) song = Retext(song, request.Lyric);
        var voice = VoiceProfile.Choose(StyleParser.StyleText(request.Prompt, request.Sounds), request.VocalGender, new Rng(request.Seed).Fork("voice"));
        return song with { Voice = voice, WrittenLyric = null };
    }

    /// <summary>
    /// The sections of new material, <paramref name="bars"/> long when the length is fixed: from the lyric sheet
    /// (no intro, since the song is already under way), or a verse, a chorus and an outro.
    /// </summary>
    private static List<PlannedSection> NewSections(string lyric, Score score, int bars, bool fixedLength)
    {
        var sheet = LyricSheet.Parse(lyric);
        List<PlannedSection> plan;
        if (sheet.Count > 0)
        {
            plan = SongForm.FromLyrics(sheet, score.BeatsPerBar, score.SecondsPerBeat).ToList();
            if (plan.Count > 1 && plan[0].Section.Kind == SectionKind.Intro && plan[0].Lines.Count == 0 && sheet[0].Kind != SectionKind.Intro) plan.RemoveAt(0);
            if (fixedLength) plan = FitBars(plan, bars);
        }
        else
        {
            var form = bars <= 4 ? [(SectionKind.Outro, bars)]
                : bars <= 12 ? [(SectionKind.Chorus, bars - 4), (SectionKind.Outro, 4)]
                : new[] { (SectionKind.Verse, (bars - 4) / 2 / 2 * 2), (SectionKind.Chorus, bars - 4 - (bars - 4) / 2 / 2 * 2), (SectionKind.Outro, 4) };
            plan = form.Select(f => new PlannedSection(new Section(f.Item1.ToString(), f.Item1, 0, f.Item2, SongForm.EnergyOf(f.Item1)), [], 0)).ToList();
        }
        int bar = 0;
        for (int i = 0; i < plan.Count; i++)
        {
            plan[i] = plan[i] with { Section = plan[i].Section with { StartBar = bar } };
            bar += plan[i].Section.Bars;
        }
        return plan;
    }

    /// <summary>Trims trailing sections (then the last one) or lengthens the last one until the plan is <paramref name="bars"/> long.</summary>
    private static List<PlannedSection> FitBars(List<PlannedSection> plan, int bars)
    {
        while (plan.Count > 1 && plan.Take(plan.Count - 1).Sum(p => p.Section.Bars) >= bars) plan.RemoveAt(plan.Count - 1);
        int rest = bars - plan.Take(plan.Count - 1).Sum(p => p.Section.Bars);
        plan[^1] = plan[^1] with { Section = plan[^1].Section with { Bars = Math.Max(1, rest) } };
        return plan;
    }

    /// <summary>
    /// The song with bars [<paramref name="first"/>, <paramref name="last"/>) taken from <paramref name="part"/>
    /// (composed from bar 0, shifted into place): everything the song plays before <paramref name="first"/> or from
    /// <paramref name="last"/> on stays. Notes held into the new material stop at its first bar line. Each part keeps
    /// the song's instrument on its channel, so the band stays the same band.
    /// </summary>
    private static ComposedSong Merge(ComposedSong song, ComposedSong part, int first, int last)
    {
        var score = song.Score;
        int bpb = score.BeatsPerBar;
        double a = first * bpb, shift = a;
        bool keepTail = last != int.MaxValue;
        if (!keepTail) last = first + part.Score.TotalBars;
        double b = last * bpb;
        bool Before(double start) => start < a - 1e-6;
        bool Tail(double start) => keepTail && start >= b - 1e-6;

        var tracks = new List<Track>();
        foreach (int channel in score.Tracks.Select(t => t.Channel).Union(part.Score.Tracks.Select(t => t.Channel)).Order())
        {
            var mine = score.Tracks.FirstOrDefault(t => t.Channel == channel);
            var theirs = part.Score.Tracks.FirstOrDefault(t => t.Channel == channel);
            var notes = new List<Note>();
            if (mine is not null)
                notes.AddRange(mine.Notes.Where(n => Before(n.Start)).Select(n => n with { Length = Math.Min(n.Length, a - n.Start) }));
            if (theirs is not null)
                notes.AddRange(theirs.Notes.Select(n => n with { Start = n.Start + shift })
                    .Where(n => n.Start < b - 1e-6).Select(n => n with { Length = keepTail ? Math.Min(n.Length, b - n.Start) : n.Length }));
            if (mine is not null) notes.AddRange(mine.Notes.Where(n => Tail(n.Start)));
            notes.Sort((x, y) => x.Start.CompareTo(y.Start));
            var model = mine ?? theirs!;
            tracks.Add(Copy(model, model.Program, notes, SpliceControls(mine, theirs, a, b, shift, keepTail)));
        }

        var sections = new List<Section>();
        foreach (var s in score.Sections.Where(s => s.StartBar < first))
            sections.Add(s with { Bars = Math.Min(s.Bars, first - s.StartBar) });
        foreach (var s in part.Score.Sections.Where(s => s.StartBar < last - first))
            sections.Add(s with { StartBar = s.StartBar + first, Bars = Math.Min(s.Bars, last - first - s.StartBar) });
        if (keepTail)
            foreach (var s in score.Sections.Where(s => s.StartBar + s.Bars > last))
                sections.Add(s.StartBar >= last ? s : s with { StartBar = last, Bars = s.StartBar + s.Bars - last });

        var lines = song.Lines.Where(l => Before(l.Start))
            .Concat(part.Lines.Select(l => l with { Start = l.Start + shift, End = l.End + shift }).Where(l => l.Start < b - 1e-6))
            .Concat(song.Lines.Where(l => Tail(l.Start))).ToList();
        var melody = song.Melody.Where(m => Before(m.Start))
            .Concat(part.Melody.Select(m => m with { Start = m.Start + shift }).Where(m => m.Start < b - 1e-6))
            .Concat(song.Melody.Where(m => Tail(m.Start))).ToList();

        return song with { Score = Rebuilt(score, tracks, sections), Lines = lines, Melody = melody, WrittenLyric = null };
    }

    /// <summary>A lyric sheet for a composition: its sections that carry sung lines, each with its label.</summary>
    public static string Sheet(ComposedSong song)
    {
        var score = song.Score;
        var sections = new List<(string, IReadOnlyList<string>)>();
        foreach (var s in score.Sections)
        {
            double from = s.StartBar * score.BeatsPerBar, to = (s.StartBar + s.Bars) * score.BeatsPerBar;
            var lines = song.Lines.Where(l => l.Start >= from - 1e-6 && l.Start < to - 1e-6).Select(l => l.Text).ToList();
            if (lines.Count > 0) sections.Add((s.Label, lines));
        }
        return LyricWriter.Sheet(sections);
    }

    /// <summary>The beat (from the first downbeat) at a time in the audio.</summary>
    private static double BeatAt(Score score, double seconds) => (seconds - score.LeadIn) / score.SecondsPerBeat;

    /// <summary>Moves a bar line up (+1) or down (−1) until no sung line crosses it.</summary>
    private static int ClearOfLines(ComposedSong song, int bar, int direction)
    {
        int bpb = song.Score.BeatsPerBar;
        for (int guard = 0; guard < 64; guard++)
        {
            double beat = bar * bpb;
            var crossing = song.Lines.FirstOrDefault(l => l.Start < beat - 1e-6 && l.End > beat + 1e-6);
            if (crossing is null) return bar;
            bar = direction > 0 ? (int)Math.Ceiling(crossing.End / bpb - 1e-6) : (int)Math.Floor(crossing.Start / bpb + 1e-6);
        }
        return bar;
    }

    private static Track Copy(Track t, int program, IEnumerable<Note> notes, IEnumerable<Control>? controls = null)
    {
        // The kit goes with the part: an edit keeps the band, drums included.
        var copy = new Track { Name = t.Name, Role = t.Role, Channel = t.Channel, Program = program, Gain = t.Gain, Pan = t.Pan, Reverb = t.Reverb, Kit = t.Kit };
        copy.Notes.AddRange(notes);
        copy.Controls.AddRange(controls ?? t.Controls);
        return copy;
    }

    /// <summary>
    /// A part's controller moves across a splice: the kept song's before <paramref name="a"/>, the new material's
    /// (shifted) up to <paramref name="b"/>, the kept song's after it; at each join every controller is set to the
    /// value the side taking over had there, so a pedal held or a swell under way on one side does not leak across.
    /// </summary>
    private static List<Control> SpliceControls(Track? mine, Track? theirs, double a, double b, double shift, bool keepTail)
    {
        var result = new List<Control>();
        var numbers = (mine?.Controls ?? []).Concat(theirs?.Controls ?? []).Select(c => c.Number).Distinct().Order().ToList();
        if (mine is not null) result.AddRange(mine.Controls.Where(c => c.Beat < a - 1e-6));
        foreach (int n in numbers) result.Add(new Control(a, n, ValueAt(theirs, n, a - shift)));
        if (theirs is not null)
            result.AddRange(theirs.Controls.Select(c => c with { Beat = c.Beat + shift }).Where(c => c.Beat >= a - 1e-6 && (!keepTail || c.Beat < b - 1e-6)));
        if (keepTail)
        {
            foreach (int n in numbers) result.Add(new Control(b, n, ValueAt(mine, n, b)));
            if (mine is not null) result.AddRange(mine.Controls.Where(c => c.Beat >= b - 1e-6));
        }
        return result.OrderBy(c => c.Beat).ToList();
    }

    /// <summary>A controller's value at a beat: its last move at or before it, or where MIDI starts it (pedal up, expression full).</summary>
    private static int ValueAt(Track? track, int number, double beat)
    {
        var last = track?.Controls.Where(c => c.Number == number && c.Beat <= beat + 1e-6).OrderBy(c => c.Beat).LastOrDefault();
        return last is { } l && l.Number == number ? l.Value : number == Control.Expression || number == Control.Volume ? (number == Control.Volume ? 100 : 127) : 0;
    }

    /// <summary>The score with new parts (and sections, when given); tempo, metre, key, lead-in and room stay.</summary>
    private static Score Rebuilt(Score s, IReadOnlyList<Track> tracks, IReadOnlyList<Section>? sections = null) => new()
    {
        Tempo = s.Tempo, BeatsPerBar = s.BeatsPerBar, KeyRoot = s.KeyRoot, Minor = s.Minor, Sections = sections ?? s.Sections, Tracks = tracks,
        LeadIn = s.LeadIn, ReverbRoom = s.ReverbRoom, Mix = s.Mix,
    };
}
