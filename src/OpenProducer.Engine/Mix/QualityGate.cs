using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Mix;

/// <summary>A delivered song failed the quality gate; <see cref="Exception.Message"/> is safe to show users.</summary>
public sealed class QualityGateException(string reason) : Exception($"The song failed the quality check: {reason}.");

/// <summary>
/// The checks every song passes before delivery, run on the decoded file: loudness −14 ± 1 LUFS, true peak
/// ≤ −1 dBTP, no clipped samples, no silence longer than 2 s inside the song, and the planned duration.
/// </summary>
public static class QualityGate
{
    public const double MaxSilenceSeconds = 2.0;

    /// <summary>Returns the first problem found, or null when the song may be delivered.</summary>
    /// <param name="loudnessTolerance">
    /// How far (LU) the integrated loudness may be from the target: 1 for a song mastered as a whole; more for an
    /// edit, whose new material takes the source's master gain so the join has no jump in level.
    /// </param>
    /// <param name="truePeakCeilingDb">The highest true peak allowed: the master's ceiling, or for a swap, what its kept layer reaches alone.</param>
    /// <param name="integratedLufs">The decoded file's loudness when the caller measured it already (measured here otherwise).</param>
    public static string? Check(AudioBuffer decoded, double plannedSeconds, double truePeakDb, double loudnessTolerance = 1,
        double truePeakCeilingDb = Mastering.TruePeakCeilingDb, double? integratedLufs = null)
    {
        double lufs = integratedLufs ?? Loudness.Integrated(decoded);
        if (double.IsNegativeInfinity(lufs)) return "it is silent";
        if (Math.Abs(lufs - Mastering.TargetLufs) > loudnessTolerance) return $"its loudness is {lufs:F1} LUFS, not {Mastering.TargetLufs} ± {loudnessTolerance}";
        if (truePeakDb > truePeakCeilingDb) return $"it peaks at {truePeakDb:F2} dBTP, above {truePeakCeilingDb:F2}";
        if (ClippedRuns(decoded) > 0) return "it has clipped samples";
        if (Math.Abs(decoded.Seconds - plannedSeconds) > 0.1) return $"it lasts {decoded.Seconds:F2} s instead of the planned {plannedSeconds:F2} s";
        if (LongestSilence(decoded) is var (start, length) && length > MaxSilenceSeconds)
            return $"it is silent for {length:F1} s from {start:F1} s";
        return null;
    }

    /// <summary>Runs of three or more consecutive samples at full scale: the mark of clipping.</summary>
    public static int ClippedRuns(AudioBuffer a)
    {
        int runs = 0;
        foreach (var ch in new[] { a.Left, a.Right })
        {
            int run = 0;
            foreach (var v in ch)
            {
                run = Math.Abs(v) >= 0.999f ? run + 1 : 0;
                if (run == 3) runs++;
            }
        }
        return runs;
    }

    /// <summary>The longest stretch below −60 dBFS (100 ms windows), ignoring the lead-in and the final release tail.</summary>
    public static (double Start, double Length)? LongestSilence(AudioBuffer a)
    {
        int window = a.SampleRate / 10;
        int first = a.SampleRate / 2, last = a.Frames - 3 * a.SampleRate;
        double threshold = Math.Pow(10, -60 / 10.0);
        (double, double)? longest = null;
        int runStart = -1;
        for (int i = first; i + window <= last; i += window)
        {
            double sum = 0;
            for (int j = i; j < i + window; j++) sum += (a.Left[j] * (double)a.Left[j] + a.Right[j] * (double)a.Right[j]) / 2;
            bool quiet = sum / window < threshold;
            if (quiet && runStart < 0) runStart = i;
            if ((!quiet || i + 2 * window > last) && runStart >= 0)
            {
                int end = quiet ? i + window : i;
                double length = (end - runStart) / (double)a.SampleRate;
                if (longest is null || length > longest.Value.Item2) longest = (runStart / (double)a.SampleRate, length);
                runStart = -1;
            }
        }
        return longest;
    }
}
