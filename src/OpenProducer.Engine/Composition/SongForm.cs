using OpenProducer.Engine.Core;

using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>A section in the plan, with the lyric lines sung in it (empty when instrumental).</summary>
internal sealed record PlannedSection(Section Section, IReadOnlyList<string> Lines, int BarsPerLine);

/// <summary>Decides the song's sections and their lengths in bars.</summary>
internal static class SongForm
{
    private static readonly (SectionKind Kind, int Bars)[][] Forms =
    [
        [(SectionKind.Intro, 4), (SectionKind.Verse, 8), (SectionKind.Chorus, 8), (SectionKind.Outro, 4)],
        [(SectionKind.Intro, 4), (SectionKind.Verse, 8), (SectionKind.Chorus, 8),
            (SectionKind.Verse, 8), (SectionKind.Chorus, 8), (SectionKind.Outro, 4)],
        [(SectionKind.Intro, 4), (SectionKind.Verse, 8), (SectionKind.PreChorus, 4),
            (SectionKind.Chorus, 8), (SectionKind.Verse, 8), (SectionKind.PreChorus, 4),
            (SectionKind.Chorus, 8), (SectionKind.Bridge, 8), (SectionKind.Chorus, 8), (SectionKind.Outro, 4)],
        [(SectionKind.Intro, 8), (SectionKind.Verse, 8), (SectionKind.PreChorus, 4),
            (SectionKind.Chorus, 8), (SectionKind.Verse, 8), (SectionKind.PreChorus, 4),
            (SectionKind.Chorus, 8), (SectionKind.Bridge, 8), (SectionKind.Instrumental, 8),
            (SectionKind.Chorus, 8), (SectionKind.Chorus, 8), (SectionKind.Outro, 8)],
    ];

    /// <summary>How tightly a lyric sheet is set: Spacious adds instrumental room, Compact gives short lines one bar.</summary>
    public enum LyricFit { Normal, Spacious, Compact }

    public static IReadOnlyList<PlannedSection> FromLyrics(IReadOnlyList<LyricSection> lyric, int beatsPerBar, double secondsPerBeat, LyricFit fit = LyricFit.Normal)
    {
        var plan = new List<PlannedSection>();
        int bar = 0;
        int edge = fit == LyricFit.Spacious ? 8 : 4;
        void Add(string label, SectionKind kind, int bars, IReadOnlyList<string> lines, int perLine)
        {
            plan.Add(new PlannedSection(new Section(label, kind, bar, bars, EnergyOf(kind)), lines, perLine));
            bar += bars;
        }

        int lastChorus = -1;
        for (int i = 0; i < lyric.Count; i++) if (lyric[i].Kind == SectionKind.Chorus) lastChorus = i;
        if (lyric.Count == 0 || lyric[0].Kind != SectionKind.Intro) Add("Intro", SectionKind.Intro, edge, [], 0);
        for (int i = 0; i < lyric.Count; i++)
        {
            var s = lyric[i];
            // A spacious setting gives the band a solo before the last chorus, as full songs do.
            if (fit == LyricFit.Spacious && i == lastChorus && i > 0) Add("Instrumental", SectionKind.Instrumental, 8, [], 0);
            if (s.Lines.Count == 0)
            {
                Add(s.Label, s.Kind, s.Kind is SectionKind.Intro or SectionKind.Outro ? edge : 8, [], 0);
                continue;
            }
            int longest = s.Lines.Max(l => Syllables.Split(l).Count);
            // Two bars a line holds about twelve syllables at a singable pace; longer lines get four; a compact
            // setting gives lines that fit in one bar (two syllables a beat at most) a single bar.
            int capacity = beatsPerBar * 2 * (secondsPerBeat < 0.5 ? 1 : 2);
            int perLine = longest <= capacity * 3 / 2 ? 2 : 4;
            if (fit == LyricFit.Compact && longest <= beatsPerBar * 2) perLine = 1;
            int bars = s.Lines.Count * perLine;
            if (bars % 4 != 0) bars += 4 - bars % 4;
            Add(s.Label, s.Kind, bars, s.Lines, perLine);
        }
        if (lyric.Count == 0 || lyric[^1].Kind != SectionKind.Outro) Add("Outro", SectionKind.Outro, edge, [], 0);
        return plan;
    }

    public static double Seconds(IReadOnlyList<PlannedSection> plan, int beatsPerBar, double secondsPerBeat) =>
        (plan[^1].Section.StartBar + plan[^1].Section.Bars) * beatsPerBar * secondsPerBeat;

    /// <summary>
    /// The form for a wordless song of about <paramref name="targetSeconds"/>: the template whose natural length
    /// is nearest, its sections scaled to fit (whole phrases of 2 or 4 bars). Weirdness sometimes gives a
    /// section an odd phrase length.
    /// </summary>
    public static IReadOnlyList<PlannedSection> Default(double targetSeconds, int beatsPerBar, double secondsPerBeat, Rng rng, double weirdness)
    {
        double secondsPerBar = beatsPerBar * secondsPerBeat;
        // The last chord rings for about 2.5 s after the final bar: it counts toward the length asked for.
        double wantBars = Math.Max(8, (targetSeconds - 2.5) / secondsPerBar);
        var form = Forms.MinBy(f => Math.Abs(Math.Log(wantBars / f.Sum(x => x.Bars))))!;
        double scale = wantBars / form.Sum(f => f.Bars);
        static int Unit(SectionKind k) => k is SectionKind.Intro or SectionKind.Outro ? 2 : 4;
        var lengths = form.Select(f => Math.Max(Unit(f.Kind), (int)Math.Round(f.Bars * scale / Unit(f.Kind)) * Unit(f.Kind))).ToArray();
        // Whole phrases (4 bars in the body, 2 at the edges) drift from the target when rounded: even it out.
        for (int guard = 0; guard < 64 && Math.Abs(lengths.Sum() - wantBars) > 2.5; guard++)
        {
            int i = guard % form.Length;
            int step = (lengths.Sum() < wantBars ? 1 : -1) * Unit(form[i].Kind);
            if (lengths[i] + step < Unit(form[i].Kind)) continue;
            lengths[i] += step;
        }
        var plan = new List<PlannedSection>();
        int bar = 0;
        for (int i = 0; i < form.Length; i++)
        {
            var kind = form[i].Kind;
            int bars = lengths[i];
            if (kind is not (SectionKind.Intro or SectionKind.Outro or SectionKind.Chorus) && rng.Chance(weirdness * 0.4)) bars += 2;
            plan.Add(new PlannedSection(new Section(WordlessLabel(kind), kind, bar, bars, EnergyOf(kind)), [], 0));
            bar += bars;
        }
        return plan;
    }

    /// <summary>Sections the engine adds itself are labelled Intro, Outro, Instrumental or Break; the kind keeps the role.</summary>
    private static string WordlessLabel(SectionKind kind) => kind switch
    {
        SectionKind.Intro => "Intro",
        SectionKind.Outro => "Outro",
        SectionKind.Bridge => "Break",
        _ => "Instrumental",
    };

    internal static double EnergyOf(SectionKind kind) => kind switch
    {
        SectionKind.Intro => 0.45,
        SectionKind.Verse => 0.6,
        SectionKind.PreChorus => 0.72,
        SectionKind.Chorus => 0.95,
        SectionKind.Bridge => 0.7,
        SectionKind.Instrumental => 0.8,
        SectionKind.Outro => 0.45,
        _ => 0.6,
    };
}
