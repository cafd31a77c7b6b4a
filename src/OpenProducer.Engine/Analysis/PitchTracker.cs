namespace OpenProducer.Engine.Analysis;

/// <summary>
/// The predominant pitch frame by frame: a harmonic sum over the spectrum (each candidate fundamental scores its
/// partials and loses what lies halfway between them, which keeps it off the octave above), partials weighted to the
/// band where a voice carries, and a path through the best candidates that prefers small steps.
/// </summary>
internal static class PitchTracker
{
    public const double LowestMidi = 36, HighestMidi = 84, Step = 0.1;
    private const int Harmonics = 10, Candidates = 5;
    private const double MaxPartialHz = 5000;

    /// <summary>The tracker's weights: the fundamental's bonus and from which frequency it applies, partials under 200 Hz, the decay per partial.</summary>
    internal sealed record Weights(double Fundamental = 1, double FundamentalFromHz = 0, double Low = 0.4, double Decay = 0.85, double Jump = 0.08);

    internal static Weights Tuning { get; set; } = new(Fundamental: 0.5, FundamentalFromHz: 100, Low: 0.3, Decay: 0.85, Jump: 0.16);

    /// <summary>A frame's best pitch (fractional MIDI) and its salience, or NaN where the frame is silent.</summary>
    public readonly record struct Frame(double Midi, double Salience);

    public static Frame[] Track(Spectrogram spec, CancellationToken ct)
    {
        int grid = (int)((HighestMidi - LowestMidi) / Step) + 1;
        var hz = Enumerable.Range(0, grid).Select(c => 440 * Math.Pow(2, (LowestMidi + c * Step - 69) / 12)).ToArray();
        var options = new List<(int Cand, double Sal)>[spec.Frames];
        var salience = new double[grid];
        var log = new double[Spectrogram.Size / 2 + 1];
        for (int f = 0; f < spec.Frames; f++)
        {
            if ((f & 255) == 0) ct.ThrowIfCancellationRequested();
            Compress(spec.Centre[f], log);
            for (int c = 0; c < grid; c++) salience[c] = Salience(log, hz[c]);
            options[f] = Peaks(salience);
        }
        return BestPath(options, hz.Length);
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

    private static double Salience(double[] log, double f0)
    {
        double sum = 0, weight = 1;
        for (int h = 1; h <= Harmonics; h++, weight *= Tuning.Decay)
        {
            double f = h * f0;
            if (f > MaxPartialHz) break;
            sum += weight * Band(f) * (At(log, f) - 0.5 * At(log, f - 0.5 * f0));
        }
        // A voice's fundamental is strong: a candidate whose own first partial is missing is an octave too low.
        // (Below 130 Hz the octave under it is out of range anyway, and the bass lives there.)
        return f0 < Tuning.FundamentalFromHz ? sum : sum + Tuning.Fundamental * Band(f0) * At(log, f0);
    }

    /// <summary>Partials below 200 Hz (where the bass lives) count for less.</summary>
    private static double Band(double hz) => hz < 200 ? Tuning.Low : 1;

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
        double JumpCost = Tuning.Jump, SilentScore = 0;
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
