using OpenProducer.Engine.Core;

using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>A sung (or played) note with the syllable it carries; times in beats.</summary>
public sealed record MelodyNote(double Start, double Length, int Pitch, string Syllable);

/// <summary>A lyric line and when it is sung, in beats.</summary>
public sealed record LyricLine(string Text, double Start, double End);

/// <summary>
/// Writes the lead melody: one note per syllable of each lyric line (or a motif when there are no words),
/// chord tones on strong beats, choruses higher than verses, and repeated sections sung to the same tune.
/// </summary>
internal static class MelodyWriter
{
    public static List<MelodyNote> Write(Arrangement a, Track track, List<LyricLine> lines)
    {
        var melody = new List<MelodyNote>();
        // The key's own tonic between C#3 and C4: the tune then moves around the fifth above it (median near D4),
        // which a female voice sings as written and a male voice an octave lower, both in a comfortable range.
        int tonic = 55 + ((a.KeyRoot - 55) % 12 + 12) % 12;
        if (tonic > 60) tonic -= 12;
        foreach (var p in a.Plan)
        {
            var s = p.Section;
            if (s.Kind is SectionKind.Intro or SectionKind.Outro && p.Lines.Count == 0) continue;
            int lift = s.Kind switch { SectionKind.Chorus => 3, SectionKind.PreChorus => 1, SectionKind.Bridge => 2, _ => 0 };
            int barsPerLine = p.BarsPerLine > 0 ? p.BarsPerLine : 2;
            int lineCount = p.Lines.Count > 0 ? p.Lines.Count : s.Bars / barsPerLine;
            for (int i = 0; i < lineCount; i++)
            {
                IReadOnlyList<string> syllables = p.Lines.Count > 0 ? Syllables.Split(p.Lines[i]) : [];
                // Repeats of a section with the same words (or the same kind, when wordless) get the same tune.
                string motifKey = $"{s.Kind}:{i % 4}:{(p.Lines.Count > 0 ? p.Lines[i] : "")}";
                var rng = a.Rng.Fork("melody:" + motifKey);
                int count = syllables.Count > 0 ? syllables.Count : rng.Range(5, 8);
                int startBar = s.StartBar + i * barsPerLine;
                if (startBar >= s.StartBar + s.Bars) break;
                var line = WriteLine(a, rng, startBar, barsPerLine, count, tonic + lift, i == lineCount - 1,
                    p.Lines.Count > 0 ? Syllables.Stresses(p.Lines[i]) : []);
                if (p.Lines.Count > 0 && line.Count > 0)
                    lines.Add(new LyricLine(p.Lines[i], line[0].Start, line[^1].Start + line[^1].Length));
                for (int n = 0; n < line.Count; n++)
                {
                    var (start, len, pitch) = line[n];
                    string syl = syllables.Count > 0 ? syllables[n] : "";
                    melody.Add(new MelodyNote(start, len, pitch, syl));
                    track.Notes.Add(new Note(start, len, pitch, a.Velocity(a.Rng.Fork("vel:" + startBar + ":" + n), s.Energy, 92)));
                }
            }
        }
        return melody;
    }

    private static List<(double Start, double Length, int Pitch)> WriteLine(Arrangement a, Rng rng, int startBar, int bars, int count, int centre, bool endsSection,
        IReadOnlyList<bool> stresses)
    {
        int slots = bars * a.BeatsPerBar * 2; // eighth notes available
        int usable = slots - 2;                // leave a breath at the end of the line
        double unit = count * 3 <= usable ? 1.0 : count <= usable ? 0.5 : 0.25; // beats per syllable
        if (unit == 0.25) count = Math.Min(count, usable * 2);
        var lengths = Rhythm(a, rng, count, unit, usable * 0.5, stresses);
        double lineStart = startBar * a.BeatsPerBar + (lengths.Sum() <= usable * 0.5 - 1 && rng.Chance(0.5) ? 0.5 : 0);
        double end = startBar * a.BeatsPerBar + usable * 0.5;

        var scale = Harmony.Scale(a.Minor);
        int degree = rng.Range(0, 3);
        var notes = new List<(double, double, int)>();
        double t = lineStart;
        for (int n = 0; n < count; n++)
        {
            bool lastNote = n == count - 1;
            double len = lastNote ? Math.Max(unit, end - t) : lengths[n];
            int step = rng.PickWeighted([0.12, 0.3, 0.3, 0.1, 0.1, 0.04, 0.04]) switch { 0 => 0, 1 => 1, 2 => -1, 3 => 2, 4 => -2, 5 => 3, _ => -3 };
            // Arch contour: rise through the first half of the line, fall toward its end.
            if (n < count / 2 && step < 0 && rng.Chance(0.5)) step = -step;
            if (n > count / 2 && step > 0 && rng.Chance(0.4)) step = -step;
            // A singable range: from a third under the tonic to the seventh above it (plus the section's lift).
            degree = Math.Clamp(degree + step, -2, 6);
            int pitch = centre + Degree(scale, degree);
            int bar = Math.Min((int)(t / a.BeatsPerBar), a.TotalBars - 1);
            double beatInBar = t - bar * a.BeatsPerBar;
            // Phrases come to rest on the tonic whenever the chord holds it, the way tonal melodies settle home.
            int tonicPc = ((a.KeyRoot % 12) + 12) % 12;
            bool restOnTonic = lastNote && (endsSection || a.BarChords[bar].PitchClasses.Contains(tonicPc));
            if (Math.Abs(beatInBar - Math.Round(beatInBar)) < 1e-6 && (int)Math.Round(beatInBar) % 2 == 0 || lastNote)
                pitch = NearestChordTone(pitch, a.BarChords[bar], restOnTonic ? tonicPc : null);
            notes.Add((t, len * 0.95, pitch));
            t += len;
            if (t >= end) break;
        }
        return notes;
    }

    /// <summary>
    /// The line's note lengths in beats. Sung words keep their natural rhythm as far as lyrics_strength asks:
    /// stressed syllables lengthen (up to twice the plain length) and unstressed ones shorten (down to half),
    /// on a grid of half the plain length. Wordless lines get an occasional dotted note instead.
    /// </summary>
    private static double[] Rhythm(Arrangement a, Rng rng, int count, double unit, double available, IReadOnlyList<bool> stresses)
    {
        double grid = unit / 2;
        var steps = new int[count];
        bool words = stresses.Count >= count;
        for (int n = 0; n < count; n++)
        {
            if (words)
                steps[n] = stresses[n] ? 2 + (int)Math.Round(a.LyricsStrength * 2) : 2 - (int)Math.Round(a.LyricsStrength);
            else
                steps[n] = unit >= 0.5 && rng.Chance(0.25) ? 3 : 2;
        }
        // Fit the line: shorten the longest notes first, never under one grid step.
        while (steps.Sum() * grid > available)
        {
            int longest = Array.IndexOf(steps, steps.Max());
            if (steps[longest] <= 1) break;
            steps[longest]--;
        }
        return steps.Select(x => x * grid).ToArray();
    }

    private static int Degree(int[] scale, int degree)
    {
        int octave = (int)Math.Floor(degree / 7.0);
        return scale[((degree % 7) + 7) % 7] + 12 * octave;
    }

    private static int NearestChordTone(int pitch, Chord chord, int? preferPitchClass)
    {
        int best = pitch, bestDist = int.MaxValue;
        foreach (int pc in preferPitchClass is int p ? [((p % 12) + 12) % 12] : chord.PitchClasses)
        {
            for (int cand = pitch - 7; cand <= pitch + 7; cand++)
            {
                if (((cand % 12) + 12) % 12 != pc) continue;
                int d = Math.Abs(cand - pitch);
                if (d < bestDist) { bestDist = d; best = cand; }
            }
        }
        return best;
    }
}
