using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>The parts of the band an arrangement brings in and out.</summary>
internal enum BandPart { Drums, Bass, Chords, Pad, Counter }

/// <summary>
/// Who plays where, so the arrangement tells the form: 0 the part rests, 1 it plays lightly, 2 normally, 3 full
/// out. A first verse is sparse and the second adds colour; a pre-chorus builds; choruses are full, with the pad
/// and the counter-line; a bridge changes texture (half-time drums, long bass notes); an instrumental is full; the
/// intro brings the band in and the outro thins it out. Sparser models hold back more.
/// </summary>
internal sealed class Orchestration
{
    private readonly Arrangement _a;
    private readonly int[][] _levels; // [part][section]

    public Orchestration(Arrangement a)
    {
        _a = a;
        int parts = Enum.GetValues<BandPart>().Length;
        _levels = Enumerable.Range(0, parts).Select(_ => new int[a.Plan.Count]).ToArray();
        int verses = 0, choruses = a.Plan.Count(p => p.Section.Kind == SectionKind.Chorus), chorusSeen = 0;
        bool sparseModel = a.Preset.Density < 0.75;
        for (int i = 0; i < a.Plan.Count; i++)
        {
            var kind = a.Plan[i].Section.Kind;
            if (kind == SectionKind.Verse) verses++;
            if (kind == SectionKind.Chorus) chorusSeen++;
            bool lastChorus = kind == SectionKind.Chorus && chorusSeen == choruses && choruses > 1;
            // Drums, bass, chords, pad, counter.
            int[] l = kind switch
            {
                SectionKind.Intro => [1, 1, 2, 1, 0],
                SectionKind.Verse when verses == 1 => [1, 1, 1, 0, 0],
                SectionKind.Verse => [2, 2, 1, 1, 1],
                SectionKind.PreChorus => [2, 2, 2, 1, 0],
                SectionKind.Chorus => lastChorus ? [3, 3, 3, 3, 2] : [3, 3, 3, 2, 2],
                SectionKind.Bridge => [1, 1, 2, 2, 1],
                SectionKind.Instrumental => [3, 3, 2, 1, 0],
                _ => [1, 1, 2, 2, 0],
            };
            // A song without verses (a short form) keeps its first section from sounding empty.
            if (kind == SectionKind.Verse && verses == 1 && a.Plan.All(p => p.Section.Kind != SectionKind.Chorus)) l = [2, 2, 2, 1, 1];
            for (int p = 0; p < parts; p++) _levels[p][i] = sparseModel ? Math.Max(Math.Min(l[p], 1), l[p] - 1) : l[p];
        }
    }

    public int Level(BandPart part, int bar)
    {
        if (bar < 0 || bar >= _a.TotalBars) return 0;
        var plan = _a.Plan;
        for (int i = 0; i < plan.Count; i++)
        {
            var s = plan[i].Section;
            if (bar < s.StartBar || bar >= s.StartBar + s.Bars) continue;
            int level = _levels[(int)part][i];
            // The intro brings the band in: the first half is the chords (and the hook) alone.
            if (s.Kind == SectionKind.Intro && s.Bars >= 4 && bar < s.StartBar + s.Bars / 2 && part is BandPart.Drums or BandPart.Bass) return 0;
            // The outro thins out: the last two bars ring on the chords and pad alone until the final hit.
            if (s.Kind == SectionKind.Outro && i == plan.Count - 1 && s.Bars >= 4 && bar >= s.StartBar + s.Bars - 2 && part is BandPart.Drums or BandPart.Counter) return 0;
            return level;
        }
        return 0;
    }

    /// <summary>The section a bar lies in, and whether it is the song's last chorus (which lifts).</summary>
    public bool LastChorus(int bar)
    {
        var planned = _a.SectionAtBar(bar);
        return planned.Section.Kind == SectionKind.Chorus && _a.Plan.SkipWhile(p => p != planned).Skip(1).All(p => p.Section.Kind != SectionKind.Chorus);
    }
}
