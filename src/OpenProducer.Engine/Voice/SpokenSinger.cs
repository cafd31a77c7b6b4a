
namespace OpenProducer.Engine.Voice;

/// <summary>One spoken syllable: where it starts and ends and where its vowel is (seconds into the speech).</summary>
public readonly record struct SpokenSyllable(double Start, double VowelStart, double VowelEnd, double End);

/// <summary>
/// Sings a line that a synthesiser spoke in its own time and intonation: each syllable's vowel is held for its
/// note and moved onto the note's pitch contour by PSOLA, its consonants keep their natural length (shortened
/// only when a note is too short for them), a syllable's onset comes just before the beat so the vowel lands on
/// it, and a rest between notes is silence. Syllables and notes are paired in order; when the counts differ, a
/// note takes several spoken syllables or a spoken vowel is held over several notes.
/// </summary>
public static class SpokenSinger
{
    private const double MaxOnset = 0.15, MaxCoda = 0.15, Ramp = 0.01;

    /// <summary>
    /// The sung line at the speech's rate, and how far (seconds) it starts before the first note: the first
    /// syllable's onset consonant.
    /// </summary>
    public static (float[] Samples, double PreRoll) Sing(float[] speech, int rate, IReadOnlyList<SpokenSyllable> syllables,
        IReadOnlyList<SungNote> notes, PitchContour contour)
    {
        if (syllables.Count == 0 || notes.Count == 0 || speech.Length == 0) return ([], 0);
        var groups = Pair(syllables, notes);
        var (points, silences) = Warp(groups);
        double origin = points[0].Out;
        int length = (int)((points[^1].Out - origin + 0.05) * rate);
        var tracker = new PitchTracker(speech, rate);
        var marks = Psola.Analyze(speech, rate, tracker.HzAt);
        var outTimes = points.Select(p => p.Out).ToArray();
        double OutToIn(double s)
        {
            double t = s / rate + origin;
            int k = Array.BinarySearch(outTimes, t);
            if (k < 0) k = ~k - 1;
            k = Math.Clamp(k, 0, points.Count - 2);
            var (a, b) = (points[k], points[k + 1]);
            double u = b.Out > a.Out ? (t - a.Out) / (b.Out - a.Out) : 0;
            return (a.In + u * (b.In - a.In)) * rate;
        }
        var y = Psola.Render(speech, rate, marks, length, OutToIn, t => contour.HzAt(t + origin));
        foreach (var (from, to) in silences.Append((points[^1].Out, double.MaxValue)).Prepend((double.MinValue, origin)))
            Silence(y, rate, from - origin, to - origin);
        return (y, -origin);
    }

    private readonly record struct Group(double InStart, double InV0, double InV1, double InEnd, double OutStart, double OutEnd);

    /// <summary>Pairs spoken syllables with notes in order, proportionally when the counts differ.</summary>
    private static List<Group> Pair(IReadOnlyList<SpokenSyllable> syl, IReadOnlyList<SungNote> notes)
    {
        int k = syl.Count, m = notes.Count, n = Math.Min(k, m);
        var groups = new List<Group>();
        for (int g = 0; g < n; g++)
        {
            int s0 = g * k / n, s1 = (g + 1) * k / n - 1, n0 = g * m / n, n1 = (g + 1) * m / n - 1;
            var (first, last) = (syl[s0], syl[s1]);
            double v0 = first.VowelStart, v1 = last.VowelEnd;
            if (v1 <= v0) v0 = v1 = (first.Start + last.End) / 2;
            groups.Add(new Group(first.Start, v0, v1, last.End, notes[n0].Start, notes[n1].End));
        }
        return groups;
    }

    /// <summary>
    /// The time map as (output, input) points, output seconds from the first note: vowels stretch, consonant
    /// clusters keep their length and end on the next beat; and the rests (output intervals) to silence.
    /// </summary>
    private static (List<(double Out, double In)> Points, List<(double From, double To)> Silences) Warp(List<Group> groups)
    {
        var points = new List<(double Out, double In)>();
        var silences = new List<(double, double)>();
        void Add(double o, double i)
        {
            if (points.Count > 0)
            {
                o = Math.Max(o, points[^1].Out + 1e-4);
                i = Math.Max(i, points[^1].In);
            }
            points.Add((o, i));
        }
        var first = groups[0];
        double onset0 = Math.Min(first.InV0 - first.InStart, MaxOnset);
        Add(first.OutStart - onset0, first.InV0 - onset0);
        Add(first.OutStart, first.InV0);
        for (int g = 0; g < groups.Count; g++)
        {
            var cur = groups[g];
            var next = g + 1 < groups.Count ? groups[g + 1] : (Group?)null;
            double noteLength = cur.OutEnd - cur.OutStart;
            if (next is { } nx && nx.OutStart - cur.OutEnd < 0.03)
            {
                // Joined: the consonants between the two vowels, at their own length if the note allows, end on the next beat.
                double cluster = Math.Max(0, nx.InV0 - cur.InV1);
                double outCluster = Math.Min(cluster, Math.Min(0.4 * noteLength, 0.25));
                Add(nx.OutStart - outCluster, cur.InV1);
                Add(nx.OutStart, nx.InV0);
                continue;
            }
            double coda = Math.Min(Math.Max(0, cur.InEnd - cur.InV1), MaxCoda);
            if (next is not { } after)
            {
                Add(cur.OutEnd, cur.InV1);
                Add(cur.OutEnd + coda, cur.InV1 + coda);
                break;
            }
            double onset = Math.Min(Math.Max(0, after.InV0 - after.InStart), MaxOnset);
            double gap = after.OutStart - cur.OutEnd;
            if (coda + onset > gap) { double f = gap / (coda + onset); coda *= f; onset *= f; }
            Add(cur.OutEnd, cur.InV1);
            Add(cur.OutEnd + coda, cur.InV1 + coda);
            if (after.OutStart - onset > cur.OutEnd + coda + 1e-3) silences.Add((cur.OutEnd + coda, after.OutStart - onset));
            Add(after.OutStart - onset, after.InV0 - onset);
            Add(after.OutStart, after.InV0);
        }
        return (points, silences);
    }

    /// <summary>Silences output seconds [from, to) with 10 ms ramps either side.</summary>
    private static void Silence(float[] y, int rate, double from, double to)
    {
        int lo = (int)Math.Max(0, Math.Floor((from - Ramp) * rate)), hi = (int)Math.Min(y.Length, Math.Ceiling((to + Ramp) * rate));
        for (int i = lo; i < hi; i++)
        {
            double t = i / (double)rate;
            double gain = t < from - Ramp || t > to + Ramp ? 1
                : t >= from && t <= to ? 0
                : t < from ? (from - t) / Ramp : (t - to) / Ramp;
            if (gain < 1) y[i] *= (float)gain;
        }
    }
}
