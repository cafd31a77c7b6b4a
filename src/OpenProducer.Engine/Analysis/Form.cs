using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Analysis;

/// <summary>
/// The form: bars described by timbre, level and how centred the vocal band is, cut into sections where that
/// description changes (the cut that explains the bars best for a price per section, sections of 4, 8 or 16 bars
/// coming cheaper); sections of like harmony share a label; each section gets a kind (a short instrumental first
/// or last section is the intro or outro, the most repeated and loudest label the chorus, the first other sung one
/// the verse).
/// </summary>
internal static class Form
{
    /// <summary>Price of one more section, as a share of the bars' mean distance from the song's mean.</summary>
    private const double SectionPrice = 1;

    public static List<SongPart> Sections(BarFeatures bars, IReadOnlyList<double> edges, double duration)
    {
        int n = bars.Change.Count;
        if (n == 0) return [];
        // The bars the music fills: a ringing tail after the last loud bar is part of the last section.
        double loudest = bars.Level.Max();
        int music = n;
        while (music > 1 && bars.Level[music - 1] < loudest - 15) music--;
        var change = bars.Change.Take(music).ToList();
        var cuts = Cut(change);
        cuts[^1] = n;
        var parts = new List<(int From, int To)>();
        for (int i = 0; i + 1 < cuts.Count; i++) parts.Add((cuts[i], cuts[i + 1]));
        var labels = Label(parts.Select(p => Mean(bars.Harmony, p.From, p.To)).ToList());
        var kinds = Kinds(parts, labels, bars.VoiceShare, bars.Level);
        return [.. parts.Select((p, i) => new SongPart(edges[p.From], i == parts.Count - 1 ? Math.Max(duration, edges[p.To]) : edges[p.To], labels[i], kinds[i]))];
    }

    /// <summary>
    /// The cut that explains the bars best: each section pays the distance of its bars from its mean, plus a price
    /// per section (lower for the usual lengths); sections are two bars at least, except at the ends.
    /// </summary>
    private static List<int> Cut(List<double[]> bars)
    {
        int n = bars.Count;
        var all = Mean(bars, 0, n);
        double spread = bars.Sum(b => Math.Sqrt(Distance(b, all))) / n;
        double price = SectionPrice * spread;
        var best = new double[n + 1];
        var from = new int[n + 1];
        for (int j = 1; j <= n; j++)
        {
            best[j] = double.MaxValue;
            for (int i = Math.Max(0, j - 24); i < j; i++)
            {
                int length = j - i;
                if (length < 2 && !(i == 0 || j == n)) continue;
                double v = best[i] + Spread(bars, i, j) + price * LengthPrice(length);
                if (v < best[j]) { best[j] = v; from[j] = i; }
            }
        }
        var cuts = new List<int> { n };
        for (int j = n; j > 0; j = from[j]) cuts.Add(from[j]);
        cuts.Reverse();
        return cuts;
    }

    /// <summary>Usual section lengths cost the base price; others a little more.</summary>
    private static double LengthPrice(int bars) => bars switch
    {
        4 or 8 or 16 => 1,
        2 or 12 => 1.15,
        6 => 1.3,
        _ => 1.5,
    };

    private static double Spread(List<double[]> bars, int from, int to)
    {
        var mean = Mean(bars, from, to);
        double s = 0;
        for (int i = from; i < to; i++) s += Math.Sqrt(Distance(bars[i], mean));
        return s;
    }

    /// <summary>Sections whose mean description is close share a label, in order of first appearance.</summary>
    private static List<string> Label(List<double[]> means)
    {
        var labels = new List<string>();
        var exemplars = new List<double[]>();
        var all = Mean(means, 0, means.Count);
        double spread = means.Average(m => Distance(m, all));
        foreach (var m in means)
        {
            int found = -1;
            for (int e = 0; e < exemplars.Count && found < 0; e++) if (Distance(m, exemplars[e]) < 0.35 * spread) found = e;
            if (found < 0) { exemplars.Add(m); found = exemplars.Count - 1; }
            labels.Add(((char)('A' + Math.Min(found, 25))).ToString());
        }
        return labels;
    }

    private static List<SectionKind> Kinds(List<(int From, int To)> parts, List<string> labels, List<double> voiceShare, List<double> loudness)
    {
        double Share(int p) => Enumerable.Range(parts[p].From, parts[p].To - parts[p].From).Average(b => voiceShare[b]);
        double Loud(int p) => Enumerable.Range(parts[p].From, parts[p].To - parts[p].From).Average(b => loudness[b]);
        var kinds = new SectionKind?[parts.Count];
        int total = parts[^1].To;
        bool Short(int p) => parts[p].To - parts[p].From <= Math.Max(4, 0.3 * total);
        if (parts.Count > 1 && Short(0) && Share(0) < 0.25) kinds[0] = SectionKind.Intro;
        if (parts.Count > 2 && Short(parts.Count - 1) && Share(parts.Count - 1) < 0.25) kinds[^1] = SectionKind.Outro;
        var open = Enumerable.Range(0, parts.Count).Where(p => kinds[p] is null).ToList();
        if (open.Count > 0)
        {
            // The chorus: the most repeated label, the loudest on a tie.
            string chorus = open.GroupBy(p => labels[p])
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Average(Loud)).First().Key;
            if (open.Count > 1 || open.All(p => Share(p) >= 0.25))
                foreach (int p in open.Where(p => labels[p] == chorus)) kinds[p] = SectionKind.Chorus;
            // The verse: the first sung label that is not the chorus; other sung sections lead into a chorus or bridge.
            string? verse = open.Where(p => kinds[p] is null && Share(p) >= 0.25).Select(p => labels[p]).FirstOrDefault();
            foreach (int p in open.Where(p => kinds[p] is null))
                kinds[p] = Share(p) < 0.25 ? SectionKind.Instrumental
                    : labels[p] == verse ? SectionKind.Verse
                    : p + 1 < parts.Count && kinds[p + 1] == SectionKind.Chorus ? SectionKind.PreChorus : SectionKind.Bridge;
        }
        return [.. kinds.Select(k => k ?? SectionKind.Verse)];
    }

    public static double[] Mean(IReadOnlyList<double[]> rows, int from, int to)
    {
        var mean = new double[rows[0].Length];
        for (int i = from; i < to; i++)
            for (int k = 0; k < mean.Length; k++) mean[k] += rows[i][k];
        for (int k = 0; k < mean.Length; k++) mean[k] /= Math.Max(1, to - from);
        return mean;
    }

    private static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }
}
