namespace OpenProducer.Engine.Analysis;

/// <summary>Chords bar by bar from chroma against triad templates, and the key from the chords and the chroma together.</summary>
internal static class Harmony
{
    private const double MelodyWeight = 1;

    private static readonly string[] Names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    /// <summary>Krumhansl and Kessler's probe-tone ratings for major and minor keys, tonic first.</summary>
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>One chord per bar: the major or minor triad whose template best matches the bar's chroma, its root helped by the bass.</summary>
    public static List<BarChord> Chords(Spectrogram spec, IReadOnlyList<double> barEdges, double silentDb)
    {
        var chords = new List<BarChord>();
        for (int b = 0; b + 1 < barEdges.Count; b++)
        {
            double from = barEdges[b], to = barEdges[b + 1];
            double level = spec.MeanLevel(from, to);
            var chroma = Metre.Unit(Spectrogram.Mean(spec.Chroma, from, to));
            var bass = Normalised(Spectrogram.Mean(spec.BassChroma, from, to));
            if (level < silentDb || chroma.All(x => x == 0)) { chords.Add(new BarChord(b, from, -1, false, "N")); continue; }
            var (root, minor) = BestTriad(chroma, bass);
            chords.Add(new BarChord(b, from, root, minor, Names[root] + (minor ? "m" : "")));
        }
        return chords;
    }

    private static (int Root, bool Minor) BestTriad(double[] chroma, double[] bass)
    {
        double best = double.MinValue;
        (int, bool) choice = (0, false);
        for (int root = 0; root < 12; root++)
            foreach (bool minor in new[] { false, true })
            {
                var template = new double[12];
                template[root] = 1;
                template[(root + (minor ? 3 : 4)) % 12] = 1;
                template[(root + 7) % 12] = 1;
                double score = Metre.Dot(chroma, Metre.Unit(template)) + 0.25 * bass[root];
                if (score > best) { best = score; choice = (root, minor); }
            }
        return choice;
    }

    /// <summary>
    /// The key whose scale holds the most of the bars' chords (its tonic chord counting double) and whose
    /// profile best fits the song's chroma with the bass added.
    /// </summary>
    public static MusicalKey Key(Spectrogram spec, IReadOnlyList<BarChord> chords, IReadOnlyList<HeardNote> melody, double from, double to)
    {
        var chroma = Normalised(Spectrogram.Mean(spec.Chroma, from, to));
        var bass = Normalised(Spectrogram.Mean(spec.BassChroma, from, to));
        // The tune's notes weigh in by duration: a melody names the mode's third and sixth where power chords do not.
        var tune = new double[12];
        foreach (var n in melody) tune[((n.Pitch % 12) + 12) % 12] += n.End - n.Start;
        tune = Normalised(tune);
        var profile = Metre.Unit(Enumerable.Range(0, 12).Select(i => chroma[i] + 0.5 * bass[i] + MelodyWeight * tune[i]).ToArray());
        var heard = chords.Where(c => c.Root >= 0).ToList();
        double best = double.MinValue;
        var key = new MusicalKey(0, false);
        for (int tonic = 0; tonic < 12; tonic++)
            foreach (bool minor in new[] { false, true })
            {
                var reference = Metre.Unit(Rotate(minor ? MinorProfile : MajorProfile, tonic));
                double fit = Metre.Dot(profile, reference);
                double diatonic = heard.Count == 0 ? 0 : heard.Average(c => ChordWeight(c, tonic, minor));
                double score = fit + diatonic;
                if (score > best) { best = score; key = new MusicalKey(tonic, minor); }
            }
        return key;
    }

    /// <summary>
    /// How well a chord belongs to a key, by its root alone (a power chord has no third, and a heavy mix's
    /// harmonics can fake one): 1 on a degree of the scale, 2 on the tonic, 0 off the scale.
    /// </summary>
    private static double ChordWeight(BarChord chord, int tonic, bool minor)
    {
        int degree = ((chord.Root - tonic) % 12 + 12) % 12;
        int[] scale = minor ? [0, 2, 3, 5, 7, 8, 10] : [0, 2, 4, 5, 7, 9, 11];
        if (!scale.Contains(degree)) return 0;
        return degree == 0 ? 2 : 1;
    }

    private static double[] Rotate(double[] profile, int tonic)
    {
        var r = new double[12];
        for (int i = 0; i < 12; i++) r[(i + tonic) % 12] = profile[i];
        return r;
    }

    private static double[] Normalised(double[] v)
    {
        double max = v.Max();
        return max <= 0 ? v : v.Select(x => x / max).ToArray();
    }
}
