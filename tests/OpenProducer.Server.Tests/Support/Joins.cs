namespace OpenProducer.Server.Tests.Support;

/// <summary>What an edit's lossless audio is judged by: which samples it kept, and whether its joins are clean.</summary>
public static class Joins
{
    private const int Rate = 44100;

    /// <summary>How many stereo frames differ between two songs in [from, to) seconds.</summary>
    public static int Differing(short[] a, short[] b, double from, double to)
    {
        int start = (int)(from * Rate) * 2, end = Math.Min((int)(to * Rate) * 2, Math.Min(a.Length, b.Length));
        int n = 0;
        for (int i = start; i < end; i += 2) if (a[i] != b[i] || a[i + 1] != b[i + 1]) n++;
        return n;
    }

    /// <summary>
    /// A join is clean when the largest sample step within 5 ms of it is no larger than the largest step of the music
    /// in the second on either side, and the level of the second after it differs from the second before by less
    /// than 3 dB more than the source song's own level changes at that point (<paramref name="source"/> is the audio the edit started from).
    /// </summary>
    public static void AssertSeamless(short[] audio, double at, string what, short[] source)
    {
        int join = (int)(at * Rate), near = Rate / 200;
        double Step(int from, int to, bool skipJoin)
        {
            double max = 0;
            for (int i = Math.Max(1, from); i < Math.Min(to, audio.Length / 2); i++)
            {
                if (skipJoin && Math.Abs(i - join) <= near) continue;
                max = Math.Max(max, Math.Max(Math.Abs(audio[2 * i] - audio[2 * i - 2]), Math.Abs(audio[2 * i + 1] - audio[2 * i - 1])));
            }
            return max;
        }
        double atJoin = Step(join - near, join + near, false), around = Step(join - Rate, join + Rate, true);
        Assert.True(atJoin <= around * 1.05 + 1, $"{what}: step {atJoin} at the join, {around} in the music around it");
        static double Level(short[] a, int from, int to)
        {
            double e = 0;
            for (int i = Math.Max(0, from) * 2; i < Math.Min(to * 2, a.Length); i++) e += (double)a[i] * a[i];
            return 10 * Math.Log10(e / Math.Max(1, 2 * (Math.Min(to, a.Length / 2) - Math.Max(0, from))) + 1e-9);
        }
        double jump = Math.Abs(Level(audio, join, join + Rate) - Level(audio, join - Rate, join));
        double own = Math.Abs(Level(source, join, join + Rate) - Level(source, join - Rate, join));
        Assert.True(jump < own + 3, $"{what}: the level changes {jump:F1} dB across the join, the source's {own:F1} dB there");
    }
}
