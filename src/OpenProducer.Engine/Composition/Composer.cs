using OpenProducer.Engine.Core;

using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>Turns a request and seed into a complete score. Pure: the same request gives the same score.</summary>
public static class Composer
{
    private static readonly int[] CommonKeys = [0, 2, 4, 5, 7, 9, 10, 3, 8];

    /// <summary>
    /// The decisions taken before any note: style, tempo, metre, key and form, and the words the built-in writer
    /// wrote (inspiration mode). Cheap, so a request can show its written lyric before the song is made.
    /// </summary>
    private sealed record SongOutline(ModelPreset Preset, SongStyle Style, Rng Rng, double Tempo, int BeatsPerBar, int KeyRoot, bool Minor,
        IReadOnlyList<PlannedSection> Plan, string StyleText, string? WrittenLyric);

    /// <summary>
    /// What an edit fixes before the composer decides anything: the song's tempo, metre and key, the plan of the
    /// part to write, and optionally its tune, words and voice (kept from the song being edited).
    /// </summary>
    internal sealed record Frame(double Tempo, int BeatsPerBar, int KeyRoot, bool Minor, IReadOnlyList<PlannedSection> Plan)
    {
        public IReadOnlyList<MelodyNote>? Melody { get; init; }
        public IReadOnlyList<LyricLine>? Lines { get; init; }
        public VoiceProfile? Voice { get; init; }
        /// <summary>Chords fixed bar by bar (a recording's, heard); a null bar takes the style's progression.</summary>
        public IReadOnlyList<Chord?>? BarChords { get; init; }
    }

    private static SongOutline Outline(CompositionRequest request, Frame? frame = null)
    {
        var preset = ModelPreset.Find(request.Model) ?? ModelPreset.Find(ModelPreset.DefaultModel)!;
        var style = StyleParser.FromRequest(request.Prompt, request.Sounds, request.SoundStrength);
        var rng = new Rng(request.Seed);
        var genre = style.Genre;

        var tempoRng = rng.Fork("tempo");
        double tempo = style.Tempo ?? Math.Round(Math.Clamp(
            (genre.TempoMin + genre.TempoMax) / 2.0 + (style.TempoShift + (tempoRng.NextDouble() - 0.5) * 0.6) * (genre.TempoMax - genre.TempoMin),
            genre.TempoMin, genre.TempoMax));
        int beatsPerBar = style.BeatsPerBar ?? genre.BeatsPerBar;
        var keyRng = rng.Fork("key");
        int keyRoot = style.KeyRoot ?? keyRng.Pick(CommonKeys);
        bool minor = style.Minor ?? keyRng.Chance(genre.MinorBias);

        string styleText = StyleParser.StyleText(request.Prompt, request.Sounds);
        string? written = null;
        if (frame is not null)
        {
            var framed = frame.Plan;
            if (request.WriteLyrics && !request.Instrumental && frame.Lines is null && framed.All(p => p.Lines.Count == 0))
                (framed, written) = WriteLyrics(framed, styleText, rng.Fork("lyrics"));
            return new SongOutline(preset, style, rng, frame.Tempo, frame.BeatsPerBar, frame.KeyRoot, frame.Minor, framed, styleText, written);
        }
        var lyric = LyricSheet.Parse(request.Lyric);
        IReadOnlyList<PlannedSection> plan;
        if (lyric.Count > 0)
            (plan, tempo) = FitLyrics(lyric, beatsPerBar, tempo, style.Tempo is null ? genre.TempoMax : tempo);
        else
            plan = SongForm.Default(Math.Clamp(style.TargetSeconds ?? rng.Fork("length").Range(120, 180), 30, 240), beatsPerBar, 60.0 / tempo,
                rng.Fork("form"), request.Weirdness);
        plan = FitLength(plan, beatsPerBar * 60.0 / tempo);
        if (lyric.Count == 0 && request.WriteLyrics && !request.Instrumental)
            (plan, written) = WriteLyrics(plan, styleText, rng.Fork("lyrics"));
        return new SongOutline(preset, style, rng, tempo, beatsPerBar, keyRoot, minor, plan, styleText, written);
    }

    /// <summary>The lyric the built-in writer writes for this request (inspiration mode), or null.</summary>
    public static string? WrittenLyric(CompositionRequest request) => Outline(request).WrittenLyric;

    public static ComposedSong Compose(CompositionRequest request) => Compose(request, null);

    /// <summary>Composes within a frame an edit fixed (see <see cref="Frame"/>), or freely when it is null.</summary>
    internal static ComposedSong Compose(CompositionRequest request, Frame? frame)
    {
        var (preset, style, rng, tempo, beatsPerBar, keyRoot, minor, plan, styleText, written) = Outline(request, frame);
        var genre = style.Genre;

        var detail = request.Variation == 0 ? rng : rng.Fork($"variation:{request.Variation}");
        var progressions = Harmony.PickProgressions((request.Variation != 0 && request.Weirdness >= 0.5 ? detail : rng).Fork("harmony"), genre.Progressions, minor, request.Weirdness);
        int totalBars = plan[^1].Section.StartBar + plan[^1].Section.Bars;
        var barChords = new Chord[totalBars];
        foreach (var p in plan)
        {
            var degrees = Harmony.SectionDegrees(progressions[p.Section.Kind], p.Section.Kind, p.Section.Bars, p == plan[^1]);
            for (int b = 0; b < p.Section.Bars; b++)
                barChords[p.Section.StartBar + b] = Harmony.Diatonic(keyRoot, minor, degrees[b], genre.Sevenths);
            // Weirdness borrows colour chords, never on a section's cadence or the first bar.
            var borrow = rng.Fork("borrow:" + p.Section.Kind);
            for (int b = 1; b < p.Section.Bars - 2; b++)
                if (borrow.Chance(request.Weirdness * request.Weirdness * 0.35))
                    barChords[p.Section.StartBar + b] = Harmony.Borrowed(keyRoot, minor, borrow);
        }
        if (frame?.BarChords is { } fixedChords)
            for (int b = 0; b < Math.Min(totalBars, fixedChords.Count); b++)
                if (fixedChords[b] is { } chord) barChords[b] = chord;

        var arrangement = new Arrangement
        {
            Rng = detail, Style = style, Preset = preset, Tempo = tempo, BeatsPerBar = beatsPerBar, KeyRoot = keyRoot,
            Minor = minor, Swing = genre.Swing, Weirdness = request.Weirdness, LyricsStrength = request.LyricsStrength, Plan = plan, BarChords = barChords,
        };

        // At the adventurous end, the pad and the chord part may be played on unusual instruments.
        var oddRng = rng.Fork("unusual");
        int[] unusual = [104, 108, 114, 98, 79, 112, 15, 46, 11, 103];
        int? oddPad = oddRng.Chance(Math.Max(0, request.Weirdness - 0.6) * 2) ? oddRng.Pick(unusual) : null;
        int? oddChords = oddRng.Chance(Math.Max(0, request.Weirdness - 0.75) * 2) ? oddRng.Pick(unusual) : null;

        int Program(int? asked, int genreDefault, InstrumentSlot slot)
        {
            int p = asked ?? genreDefault;
            return style.BannedPrograms.Contains(p) ? Instruments.Alternatives(slot).First(x => !style.BannedPrograms.Contains(x)) : p;
        }

        var tracks = new List<Track>();
        var orchestration = new Orchestration(arrangement);
        var feel = new Feel(arrangement);
        var lead = new Track { Name = "lead", Role = TrackRole.Lead, Channel = 0, Program = Program(style.LeadProgram, genre.Lead, InstrumentSlot.Lead), Gain = 0.7f, Reverb = 60 };
        var lines = new List<LyricLine>();
        IReadOnlyList<MelodyNote> melody = MelodyWriter.Write(arrangement, lead, lines);
        if (frame?.Melody is { } kept)
        {
            // The tune is the edited song's: the lead instrument plays it (with this arrangement's dynamics).
            melody = kept;
            lines = frame.Lines?.ToList() ?? [];
            lead.Notes.Clear();
            foreach (var m in kept)
                lead.Notes.Add(new Note(m.Start, m.Length, m.Pitch, arrangement.Velocity(rng.Fork("vel:" + m.Start), arrangement.SectionAtBar((int)(m.Start / beatsPerBar)).Section.Energy, 92)));
        }
        // An instrumental keeps the sheet's form and its melody on the lead instrument; nothing is sung.
        if (request.Instrumental) lines.Clear();
        // Where the voice sings, it carries the melody: the lead instrument rests there.
        var sung = lines.Where(l => Syllables.Singable(l.Text)).ToList();
        lead.Notes.RemoveAll(n => sung.Any(l => n.Start >= l.Start - 1e-6 && n.Start < l.End - 1e-6));
        // The lead instrument phrases like a player (the sung melody keeps its written timing for the voice).
        // Dynamics follow the contour: a note above its neighbours leans in, one below them falls back, and a
        // phrase's last note (a rest after it) tapers.
        var leadFeel = rng.Fork("lead-feel");
        var played = lead.Notes.ToList();
        for (int i = 0; i < played.Count; i++)
        {
            var n = played[i];
            double beatInBar = n.Start - Math.Floor(n.Start / beatsPerBar) * beatsPerBar;
            double around = played.Skip(Math.Max(0, i - 4)).Take(9).Average(x => x.Pitch);
            double shape = Math.Clamp(1 + 0.04 * (n.Pitch - around), 0.8, 1.2);
            if (i + 1 == played.Count || played[i + 1].Start - (n.Start + n.Length) >= 1) shape *= 0.88;
            lead.Notes[i] = n with
            {
                Start = Math.Max(0, n.Start + feel.Offset(leadFeel, TrackRole.Lead, beatInBar)),
                Velocity = Math.Clamp((int)Math.Round(n.Velocity * shape), 1, 127),
            };
        }
        if (lead.Notes.All(n => n.Start >= plan[0].Section.Bars * beatsPerBar)) CounterPlayer.Hook(arrangement, lead, melody, lines, feel);
        tracks.Add(lead);
        var comping = new Comping(arrangement, orchestration, feel);
        var chords = new Track { Name = "chords", Role = TrackRole.Chords, Channel = 2, Program = Program(style.ChordsProgram ?? oddChords, genre.Chords, InstrumentSlot.Chords), Gain = 0.75f, Pan = 30,
            // Without drums the chord part carries the pulse: kept drier so the hall does not smear its attacks.
            Reverb = style.Drums && !genre.Sparse ? 50 : 20 };
        comping.WriteComp(chords);
        tracks.Add(chords);
        if (!style.NoBass)
        {
            var bass = new Track { Name = "bass", Role = TrackRole.Bass, Channel = 1, Program = Program(style.BassProgram, genre.Bass, InstrumentSlot.Bass), Gain = 0.8f, Reverb = 10 };
            new BassPlayer(arrangement, orchestration, feel).Write(bass);
            tracks.Add(bass);
        }
        int padProgram = style.PadProgram ?? oddPad ?? genre.Pad;
        if (padProgram >= 0 && (preset.Pad || style.PadProgram is not null || oddPad is not null))
        {
            var pad = new Track { Name = "pad", Role = TrackRole.Pad, Channel = 3, Program = Program(padProgram, padProgram, InstrumentSlot.Pad), Gain = style.Drums ? 0.42f : 0.3f, Pan = 72, Reverb = 80 };
            comping.WritePad(pad);
            tracks.Add(pad);
        }
        // The counter-line answers the voice (or the lead) between phrases; denser models have one.
        if (preset.Density >= 0.8 && melody.Count > 0)
        {
            var counter = new Track { Name = "counter", Role = TrackRole.Counter, Channel = 4, Program = CounterPlayer.Program(genre.Name, lead.Program), Gain = 0.45f, Pan = 100, Reverb = 60 };
            new CounterPlayer(arrangement, orchestration, feel).Write(counter, melody);
            if (counter.Notes.Count > 0) tracks.Add(counter);
        }
        if (style.Drums)
        {
            var drums = new Track { Name = "drums", Role = TrackRole.Drums, Channel = 9, Program = 0, Gain = 0.85f, Reverb = 25, Kit = GenreSound.Kit(genre) };
            new Drummer(arrangement, orchestration, feel).Write(drums);
            tracks.Add(drums);
        }
        SpanWriter.Apply(arrangement, tracks, Score.DefaultLeadIn);

        var score = new Score
        {
            Tempo = tempo, BeatsPerBar = beatsPerBar, KeyRoot = keyRoot, Minor = minor,
            Sections = plan.Select(p => p.Section).ToList(), Tracks = tracks, ReverbRoom = genre.Room, Mix = GenreSound.Mix(genre),
        };
        return new ComposedSong(score, style, preset, melody, lines)
        {
            Voice = frame?.Voice ?? VoiceProfile.Choose(styleText, request.VocalGender, rng.Fork("voice")),
            WrittenLyric = written,
        };
    }

    /// <summary>
    /// Sets a lyric sheet so the song lasts 2–4 minutes when the sheet is a full one (a dozen lines or more):
    /// a short sheet gets instrumental room; a long one is sung faster (within the genre's tempo range) and
    /// then more compactly, before any section would have to be dropped.
    /// </summary>
    /// <summary>
    /// Inspiration mode: the form was chosen by length, and the built-in writer fills its sung sections, two bars
    /// a line. Returns the plan with its lines and the sheet as a user would have written it.
    /// </summary>
    private static (IReadOnlyList<PlannedSection>, string) WriteLyrics(IReadOnlyList<PlannedSection> plan, string prompt, Rng rng)
    {
        static bool Sung(PlannedSection p) => p.Section.Kind is SectionKind.Verse or SectionKind.PreChorus or SectionKind.Chorus or SectionKind.Bridge;
        var sung = plan.Where(Sung).ToList();
        var lines = LyricWriter.Write(prompt, sung.Select(p => (p.Section.Kind.ToString(), Math.Max(1, p.Section.Bars / 2))).ToList(), rng);
        int verses = 0;
        string Label(SectionKind kind) => kind switch
        {
            SectionKind.Verse => ++verses == 1 ? "Verse" : $"Verse {verses}",
            SectionKind.PreChorus => "Pre-Chorus",
            _ => kind.ToString(),
        };
        var filled = plan.Select(p => sung.IndexOf(p) is int i and >= 0
            ? p with { Section = p.Section with { Label = Label(p.Section.Kind) }, Lines = lines[i], BarsPerLine = 2 }
            : p).ToList();
        string sheet = LyricWriter.Sheet(filled.Where(Sung).Select(p => (p.Section.Label, (IReadOnlyList<string>)p.Lines)).ToList());
        return (filled, sheet);
    }

    private static (IReadOnlyList<PlannedSection>, double Tempo) FitLyrics(IReadOnlyList<LyricSection> lyric, int beatsPerBar, double tempo, double maxTempo)
    {
        const double Short = 120, Long = 236;
        var plan = SongForm.FromLyrics(lyric, beatsPerBar, 60.0 / tempo);
        double seconds = SongForm.Seconds(plan, beatsPerBar, 60.0 / tempo);
        bool full = lyric.Sum(s => s.Lines.Count) >= 12;
        if (full && seconds < Short)
            return (SongForm.FromLyrics(lyric, beatsPerBar, 60.0 / tempo, SongForm.LyricFit.Spacious), tempo);
        if (seconds <= Long) return (plan, tempo);
        double original = tempo;
        tempo = Math.Round(Math.Min(maxTempo, tempo * seconds / Long));
        plan = SongForm.FromLyrics(lyric, beatsPerBar, 60.0 / tempo);
        if (SongForm.Seconds(plan, beatsPerBar, 60.0 / tempo) <= Long) return (plan, tempo);
        plan = SongForm.FromLyrics(lyric, beatsPerBar, 60.0 / tempo, SongForm.LyricFit.Compact);
        seconds = SongForm.Seconds(plan, beatsPerBar, 60.0 / tempo);
        // Still long: a very long sheet is sung up to a third faster than the genre's range allows.
        if (seconds > Long && maxTempo != original)
        {
            tempo = Math.Round(Math.Min(Math.Min(maxTempo * 1.35, 200), tempo * seconds / Long) + 0.49);
            plan = SongForm.FromLyrics(lyric, beatsPerBar, 60.0 / tempo, SongForm.LyricFit.Compact);
        }
        return (plan, tempo);
    }

    /// <summary>Keeps every song between 30 s and 4 min: short sheets get a longer outro, long ones lose trailing sections.</summary>
    private static List<PlannedSection> FitLength(IReadOnlyList<PlannedSection> plan, double secondsPerBar)
    {
        var list = plan.ToList();
        int Bars() => list.Sum(p => p.Section.Bars);
        while (list.Count > 2 && Bars() * secondsPerBar > 236) list.RemoveAt(list.Count - 2);
        if (Bars() * secondsPerBar > 236)
        {
            var last = list[^1];
            int bars = Math.Max(2, (int)(236 / secondsPerBar) - (Bars() - last.Section.Bars));
            list[^1] = last with { Section = last.Section with { Bars = bars } };
        }
        if (Bars() * secondsPerBar < 30)
        {
            var last = list[^1];
            int need = (int)Math.Ceiling(30 / secondsPerBar) - Bars();
            list[^1] = last with { Section = last.Section with { Bars = last.Section.Bars + need } };
        }
        // Re-number start bars after any removal.
        int bar = 0;
        for (int i = 0; i < list.Count; i++)
        {
            list[i] = list[i] with { Section = list[i].Section with { StartBar = bar } };
            bar += list[i].Section.Bars;
        }
        return list;
    }
}
