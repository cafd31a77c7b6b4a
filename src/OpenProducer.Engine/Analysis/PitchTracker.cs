namespace OpenProducer.Engine.Analysis;

/// <summary>
/// The predominant pitch frame by frame, listening where a lead voice is: in the centre of the stereo image, and to
/// what moves (partials that hold still for half a second, a pad's chord, are taken out). A harmonic sum scores each
/// candidate fundamental by its partials, less what lies halfway between them (which keeps it off the octave
/// above), with little weight under 200 Hz; a path through each frame's best candidates prefers small steps.
/// </summary>
internal static class PitchTracker
{
    public const double LowestMidi = 36, HighestMidi = 84, Step = 0.1;
    private const int Harmonics = 10, Candidates = 5;
    private const double MaxPartialHz = 5000;

    /// <summary>Weight of each partial relative to the one below it.</summary>
    private const double Decay = 0.85;
    /// <summary>Weight of partials under 200 Hz, where the bass and kick live.</summary>
    private const double LowPartials = 0.3;
    /// <summary>Extra weight of the candidate's own first partial (from <see cref="FundamentalFromHz"/> up).</summary>
    private const double Fundamental = 0.5, FundamentalFromHz = 100;
    /// <summary>Price of a jump, per semitone (relative to a frame's best salience, which scores 1).</summary>
    private const double JumpCost = 0.16;
    /// <summary>Frames either side (about a quarter second) over which a partial that holds still is taken out.</summary>
    private const int SteadyHalf = 10;

    /// <summary>A frame's best pitch (fractional MIDI) and its salience, or NaN where the frame is silent.</summary>
    public readonly record struct Frame(double Midi, double Salience);

    public static Frame[] Track(Spectrogram spec, CancellationToken ct)
    {
        int grid = (int)((HighestMidi - LowestMidi) / Step) + 1;
        var hz = Enumerable.Range(0, grid).Select(c => 440 * Math.Pow(2, (LowestMidi + c * Step - 69) / 12)).ToArray();
        var options = new List<(int Cand, double Sal)>[spec.Frames];
        var salience = new double[grid];
        var log = new double[Spectrogram.CentreBins];
        var moving = WithoutSteadyPartials(spec.Centre, SteadyHalf);
        var partials = hz.Select(Partials).ToArray();
        for (int f = 0; f < spec.Frames; f++)
        {
            if ((f & 255) == 0) ct.ThrowIfCancellationRequested();
            Compress(moving[f], log);
            for (int c = 0; c < grid; c++) salience[c] = Salience(log, partials[c]);
            options[f] = Peaks(salience);
        }
        return BestPath(options, hz.Length);
    }

    /// <summary>
    /// The spectrum with what holds still taken out: from each bin, the least it held over the surrounding
    /// <paramref name="half"/> frames either side (a pad's chord tones; a singing voice moves and wavers).
    /// </summary>
    private static float[][] WithoutSteadyPartials(float[][] frames, int half)
    {
        int bins = frames[0].Length, n = frames.Length;
        var result = new float[n][];
        for (int f = 0; f < n; f++) result[f] = new float[bins];
        // A running minimum per bin: a queue of frames whose values rise from front to back.
        var queue = new int[n];
        for (int k = 0; k < bins; k++)
        {
            int head = 0, tail = 0, next = 0;
            for (int f = 0; f < n; f++)
            {
                for (; next <= Math.Min(n - 1, f + half); next++)
                {
                    while (tail > head && frames[queue[tail - 1]][k] >= frames[next][k]) tail--;
                    queue[tail++] = next;
                }
                while (queue[head] < f - half) head++;
                result[f][k] = frames[f][k] - frames[queue[head]][k];
            }
        }
        return result;
    }

    /// <summary>Log magnitude relative to the frame's mean level over the melody band.</summary>
    private static void Compress(float[] mag, double[] log)
    {
        int lo = (int)(100 / Spectrogram.BinHz), hi = (int)(MaxPartialHz / Spectrogram.BinHz);
        double mean = 0;
        for (int k = lo; k < hi; k++) mean += mag[k];
        mean = mean / (hi - lo) + 1e-9;
        for (int k = 0; k < log.Length; k++) log[k] = Math.Log(1 + mag[k] / mean);
    }

    /// <summary>A partial of a candidate and the point halfway below it, with the weight each adds to the salience.</summary>
    private readonly record struct Partial(double Hz, double Weight, double HalfBelowHz, double HalfBelowWeight);

    /// <summary>
    /// The terms of a candidate's salience: its partials, each less half of what lies halfway below it. A voice's
    /// fundamental is strong, so from <see cref="FundamentalFromHz"/> up the first partial counts extra (a
    /// candidate whose own first partial is missing is an octave too low; lower down, the octave under it is out of
    /// range anyway, and the bass lives there).
    /// </summary>
    private static Partial[] Partials(double f0)
    {
        var terms = new List<Partial>();
        double weight = 1;
        for (int h = 1; h <= Harmonics && h * f0 <= MaxPartialHz; h++, weight *= Decay)
            terms.Add(new Partial(h * f0, weight * Band(h * f0), h * f0 - 0.5 * f0, -0.5 * weight * Band(h * f0)));
        if (f0 >= FundamentalFromHz) terms.Add(new Partial(f0, Fundamental * Band(f0), f0, 0));
        return [.. terms];
    }

    private static double Salience(double[] log, Partial[] partials)
    {
        double sum = 0;
        foreach (var p in partials) sum += p.Weight * At(log, p.Hz) + p.HalfBelowWeight * At(log, p.HalfBelowHz);
        return sum;
    }

    /// <summary>Partials below 200 Hz (where the bass lives) count for less.</summary>
    private static double Band(double hz) => hz < 200 ? LowPartials : 1;

    private static double At(double[] log, double hz)
    {
        int k = (int)(hz / Spectrogram.BinHz);
        return k + 1 < log.Length ? Math.Max(log[k], log[k + 1]) : 0;
    }

    private static List<(int, double)> Peaks(double[] salience)
    {
        var peaks = new List<(int Cand, double Sal)>();
        for (int c = 1; c + 1 < salience.Length; c++)
            if (salience[c] > 0 && salience[c] >= salience[c - 1] && salience[c] > salience[c + 1]) peaks.Add((c, salience[c]));
        return [.. peaks.OrderByDescending(p => p.Sal).Take(Candidates)];
    }

    /// <summary>The path through each frame's candidates that keeps most salience and pays for every semitone it jumps.</summary>
    private static Frame[] BestPath(List<(int Cand, double Sal)>[] options, int grid)
    {
        int n = options.Length;
        var cost = new double[n][];
        var back = new int[n][];
        const double SilentScore = 0;
        for (int f = 0; f < n; f++)
        {
            var here = options[f];
            double max = here.Count == 0 ? 1 : here.Max(o => o.Sal);
            cost[f] = new double[here.Count];
            back[f] = new int[here.Count];
            for (int i = 0; i < here.Count; i++)
            {
                double emit = here[i].Sal / max;
                if (f == 0 || options[f - 1].Count == 0) { cost[f][i] = emit + (f == 0 ? 0 : Best(cost[f - 1], SilentScore)); back[f][i] = -1; continue; }
                double best = double.MinValue;
                for (int j = 0; j < options[f - 1].Count; j++)
                {
                    double semitones = Math.Abs(here[i].Cand - options[f - 1][j].Cand) * Step;
                    double jump = semitones > 0.6 ? JumpCost * Math.Min(semitones, 24) + 0.2 : 0;
                    double v = cost[f - 1][j] - jump;
                    if (v > best) { best = v; back[f][i] = j; }
                }
                cost[f][i] = best + emit;
            }
        }
        var result = new Frame[n];
        int at = -1;
        for (int f = n - 1; f >= 0; f--)
        {
            if (options[f].Count == 0) { result[f] = new Frame(double.NaN, 0); at = -1; continue; }
            if (at < 0) at = ArgMax(cost[f]);
            var o = options[f][at];
            result[f] = new Frame(LowestMidi + o.Cand * Step, o.Sal);
            at = back[f][at];
        }
        return result;
    }

    private static double Best(double[] values, double fallback) => values.Length == 0 ? fallback : values.Max();

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
