using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>A chord as the pitch classes it holds, root first.</summary>
internal sealed record Chord(int Root, int[] PitchClasses);

/// <summary>Scales, diatonic chords, progressions per section and voice-led voicings.</summary>
internal static class Harmony
{
    private static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] NaturalMinor = [0, 2, 3, 5, 7, 8, 10];
    private static readonly int[][] MinorProgressions = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 4], [0, 5, 3, 4], [5, 6, 0, 0]];

    public static int[] Scale(bool minor) => minor ? NaturalMinor : Major;

    /// <summary>The pitch class of scale degree <paramref name="degree"/> (any integer) in the key.</summary>
    public static int Degree(int keyRoot, bool minor, int degree)
    {
        var s = Scale(minor);
        int octave = (int)Math.Floor(degree / 7.0);
        return keyRoot + s[((degree % 7) + 7) % 7] + 12 * octave;
    }

    public static Chord Diatonic(int keyRoot, bool minor, int degree, bool seventh)
    {
        var pcs = new List<int>();
        for (int i = 0; i < (seventh ? 4 : 3); i++)
            pcs.Add(((Degree(keyRoot, minor, degree + 2 * i) % 12) + 12) % 12);
        // Harmonic minor: the dominant is major, so cadences pull home.
        if (minor && ((degree % 7) + 7) % 7 == 4) pcs[1] = (pcs[1] + 1) % 12;
        return new Chord(pcs[0], pcs.ToArray());
    }

    /// <summary>One progression (scale degrees, one chord a bar) per section kind, fixed for the song.</summary>
    public static Dictionary<SectionKind, int[]> PickProgressions(Rng rng, int[][] genreProgressions, bool minor, double weirdness)
    {
        var pool = minor ? MinorProgressions : genreProgressions;
        var result = new Dictionary<SectionKind, int[]>();
        int[] verse = rng.Pick(pool);
        // The chorus is home: it goes through the tonic chord (a verse may float, e.g. IV–V–iii–vi).
        var homeward = pool.Where(p => p.Contains(0) && p != verse).ToArray();
        int[] chorus = homeward.Length > 0 ? rng.Pick(homeward) : verse;
        int[] bridge = rng.Pick(pool);
        // Weirdness moves the bridge's third chord to a neighbouring degree: a less expected turn.
        if (rng.Chance(weirdness * 0.8)) bridge = bridge.Select((d, i) => i == 2 ? d + (rng.Chance(0.5) ? 1 : -1) : d).ToArray();
        foreach (var kind in Enum.GetValues<SectionKind>())
        {
            result[kind] = kind switch
            {
                SectionKind.Chorus or SectionKind.Outro => chorus,
                SectionKind.Bridge or SectionKind.PreChorus => bridge,
                _ => verse,
            };
        }
        return result;
    }

    /// <summary>
    /// The chord degree of each bar of a section: its progression, then a cadence. Intros open on the tonic;
    /// verses, pre-choruses and bridges end on the dominant (a half cadence that calls the next section in);
    /// choruses, outros and the song's end close with dominant → tonic, so the key is heard as home.
    /// </summary>
    public static int[] SectionDegrees(int[] progression, SectionKind kind, int bars, bool lastSection)
    {
        var degrees = new int[bars];
        // An intro states the key plainly: I–IV–I–V (the IV is what tells a key from its dominant).
        int[] source = kind == SectionKind.Intro ? [0, 3, 0, 4] : progression;
        for (int b = 0; b < bars; b++) degrees[b] = source[b % source.Length];
        bool closes = lastSection || kind is SectionKind.Chorus or SectionKind.Outro;
        if (bars >= 4)
        {
            if (closes) { degrees[^2] = 4; degrees[^1] = 0; }
            else degrees[^1] = 4;
        }
        else if (closes) degrees[^1] = 0;
        return degrees;
    }

    /// <summary>
    /// A chord borrowed from the parallel mode: ♭VII, iv or ♭VI in a major key (VII, IV or II♭ in minor).
    /// The colour weirdness adds in place of a diatonic chord.
    /// </summary>
    public static Chord Borrowed(int keyRoot, bool minor, Rng rng)
    {
        int k = ((keyRoot % 12) + 12) % 12;
        (int Offset, bool Minor)[] options = minor ? [(10, false), (5, false), (1, false)] : [(10, false), (5, true), (8, false)];
        var (offset, isMinor) = rng.Pick(options);
        int root = (k + offset) % 12;
        return new Chord(root, [root, (root + (isMinor ? 3 : 4)) % 12, (root + 7) % 12]);
    }

    /// <summary>Places the chord's pitch classes between <paramref name="low"/> and <paramref name="high"/> nearest the previous voicing.</summary>
    public static int[] Voice(Chord chord, int[]? previous, int low, int high)
    {
        int[]? best = null;
        double bestCost = double.MaxValue;
        int n = chord.PitchClasses.Length;
        for (int inversion = 0; inversion < n; inversion++)
        {
            for (int baseOctave = low / 12 - 1; baseOctave <= high / 12 + 1; baseOctave++)
            {
                var notes = new int[n];
                int last = -1;
                for (int i = 0; i < n; i++)
                {
                    int pc = chord.PitchClasses[(inversion + i) % n];
                    int p = baseOctave * 12 + pc;
                    while (p <= last) p += 12;
                    notes[i] = last = p;
                }
                if (notes[0] < low || notes[^1] > high) continue;
                double cost = previous is null
                    ? Math.Abs(notes.Average() - (low + high) / 2.0)
                    : notes.Zip(previous.Take(n).Concat(Enumerable.Repeat(previous[^1], Math.Max(0, n - previous.Length))), (a, b) => Math.Abs(a - b)).Sum();
                if (cost < bestCost) { bestCost = cost; best = notes; }
            }
        }
        return best ?? chord.PitchClasses.Select(pc => low + ((pc - low) % 12 + 12) % 12).Order().ToArray();
    }
}
