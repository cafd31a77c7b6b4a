using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>A section in the plan, with the lyric lines sung in it (empty when instrumental).</summary>
internal sealed record PlannedSection(Section Section, IReadOnlyList<string> Lines, int BarsPerLine);

/// <summary>Decides the song's sections and their lengths in bars.</summary>
internal static class SongForm
{
    private static readonly (SectionKind Kind, string Label, int Bars)[] DefaultForm =
    [
        (SectionKind.Intro, "Intro", 4), (SectionKind.Verse, "Verse", 8), (SectionKind.PreChorus, "Pre-Chorus", 4),
        (SectionKind.Chorus, "Chorus", 8), (SectionKind.Verse, "Verse 2", 8), (SectionKind.Chorus, "Chorus", 8),
        (SectionKind.Bridge, "Bridge", 8), (SectionKind.Chorus, "Chorus", 8), (SectionKind.Outro, "Outro", 4),
    ];

    public static IReadOnlyList<PlannedSection> FromLyrics(IReadOnlyList<LyricSection> lyric, int beatsPerBar, double secondsPerBeat)
    {
        var plan = new List<PlannedSection>();
        int bar = 0;
        void Add(string label, SectionKind kind, int bars, IReadOnlyList<string> lines, int perLine)
        {
            plan.Add(new PlannedSection(new Section(label, kind, bar, bars, EnergyOf(kind)), lines, perLine));
            bar += bars;
        }

        if (lyric.Count == 0 || lyric[0].Kind != SectionKind.Intro) Add("Intro", SectionKind.Intro, 4, [], 0);
        foreach (var s in lyric)
        {
            if (s.Lines.Count == 0)
            {
                Add(s.Label, s.Kind, s.Kind is SectionKind.Intro or SectionKind.Outro ? 4 : 8, [], 0);
                continue;
            }
            int longest = s.Lines.Max(l => Syllables.Split(l).Count);
            // Two bars a line in 4/4 holds about twelve syllables at a singable pace; longer lines get four.
            int capacity = beatsPerBar * 2 * (secondsPerBeat < 0.5 ? 1 : 2);
            int perLine = longest <= capacity * 3 / 2 ? 2 : 4;
            int bars = s.Lines.Count * perLine;
            if (bars % 4 != 0) bars += 4 - bars % 4;
            Add(s.Label, s.Kind, bars, s.Lines, perLine);
        }
        if (lyric.Count == 0 || lyric[^1].Kind != SectionKind.Outro) Add("Outro", SectionKind.Outro, 4, [], 0);
        return plan;
    }

    /// <summary>The genre-default form, scaled so the song lasts about <paramref name="targetSeconds"/>.</summary>
    public static IReadOnlyList<PlannedSection> Default(double targetSeconds, int beatsPerBar, double secondsPerBeat)
    {
        double secondsPerBar = beatsPerBar * secondsPerBeat;
        int wantBars = Math.Max(8, (int)Math.Round(targetSeconds / secondsPerBar));
        var form = DefaultForm.ToList();
        // Short songs drop the later repeats first, keeping intro, verse, chorus and outro.
        string[] dropOrder = ["Bridge", "Verse 2", "Pre-Chorus"];
        int total = form.Sum(f => f.Bars);
        foreach (var label in dropOrder)
        {
            if (total <= wantBars * 1.25) break;
            int i = form.FindIndex(f => f.Label == label);
            form.RemoveAt(i);
            if (label == "Verse 2") form.RemoveAt(form.FindIndex(f => f.Kind == SectionKind.Chorus));
            total = form.Sum(f => f.Bars);
        }
        double scale = wantBars / (double)total;
        var plan = new List<PlannedSection>();
        int bar = 0;
        foreach (var (kind, label, bars) in form)
        {
            int scaled = Math.Max(2, (int)Math.Round(bars * scale / 2.0) * 2);
            plan.Add(new PlannedSection(new Section(label, kind, bar, scaled, EnergyOf(kind)), [], 0));
            bar += scaled;
        }
        return plan;
    }

    private static double EnergyOf(SectionKind kind) => kind switch
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
