namespace OpenProducer.Engine.Analysis;

/// <summary>
/// Chooses beats per bar and where bars start from beat-level features: bars repeat (a drum pattern and its
/// harmony come back a bar later, not a beat later), and chords and bass notes change on the downbeat.
/// </summary>
internal static class Metre
{
    /// <summary>Feature layout per beat: 12 onset values (4 sub-beat slots × 3 bands), then chroma, then bass chroma.</summary>
    private const int Onsets = 12, ChromaAt = 12, BassAt = 24;

    public static (int BeatsPerBar, int Phase, double Contrast) Choose(double[][] beats)
    {
        var accent = Accents(beats);
        var (three, threePhase) = BestPhase(accent, 3);
        var (four, fourPhase) = BestPhase(accent, 4);
        return three > four ? (3, threePhase, three) : (4, fourPhase, four);
    }

    /// <summary>
    /// How much each beat sounds like a downbeat: the harmony and the bass change into it from the beat before
    /// (chords move on the bar line), and a low onset (the kick, the bass note) starts it.
    /// </summary>
    private static double[] Accents(double[][] beats)
    {
        var harmony = beats.Select(b => Unit(b[ChromaAt..BassAt])).ToArray();
        var bass = beats.Select(b => Unit(b[BassAt..])).ToArray();
        var accent = new double[beats.Length];
        double lowScale = beats.Max(b => b[0]) + 1e-9;
        for (int i = 1; i < beats.Length; i++)
            accent[i] = 1 - Dot(harmony[i - 1], harmony[i]) + 1 - Dot(bass[i - 1], bass[i]) + 0.5 * beats[i][0] / lowScale;
        return accent;
    }

    /// <summary>The phase whose beats stand out most from the others, and by how much (mean accent above the song's mean).</summary>
    private static (double Contrast, int Phase) BestPhase(double[] accent, int meter)
    {
        double mean = accent.Skip(1).Average();
        int best = 0;
        double bestScore = double.MinValue;
        for (int p = 0; p < meter; p++)
        {
            double score = 0;
            int count = 0;
            for (int i = p == 0 ? meter : p; i < accent.Length; i += meter) { score += accent[i]; count++; }
            score = score / Math.Max(1, count) - mean;
            if (score > bestScore) { bestScore = score; best = p; }
        }
        return (bestScore, best);
    }

    private static double LagSimilarity(double[][] v, int lag)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i + lag < v.Length; i++) { sum += Dot(v[i], v[i + lag]); n++; }
        return n == 0 ? 0 : sum / n;
    }

    public static double[] Unit(double[] v)
    {
        double mean = v.Average();
        var c = v.Select(x => x - mean).ToArray();
        double norm = Math.Sqrt(c.Sum(x => x * x));
        return norm < 1e-12 ? new double[v.Length] : c.Select(x => x / norm).ToArray();
    }

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
