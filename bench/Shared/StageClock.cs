using System.Diagnostics;

/// <summary>
/// Progress as it is reported, on the reporting thread: the time each stage's mark was reached, and this process's
/// CPU seconds then (user and system, from /proc), so a stage's cores busy can be read off.
/// </summary>
internal sealed class StageClock : IProgress<int>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly double startCpu = ProcessUsage.Read("self").Cpu;
    private readonly Dictionary<int, (double Seconds, double Cpu)> marks = [];

    public double Elapsed => clock.Elapsed.TotalSeconds;

    public void Report(int value)
    {
        double seconds = clock.Elapsed.TotalSeconds, cpu = ProcessUsage.Read("self").Cpu;
        lock (marks) marks.TryAdd(value, (seconds, cpu));
    }

    public double At(int mark)
    {
        lock (marks) return marks[mark].Seconds;
    }

    /// <summary>Every mark and its time, in the order they were reached.</summary>
    public override string ToString()
    {
        lock (marks) return string.Join(", ", marks.OrderBy(m => m.Value.Seconds).Select(m => $"{m.Key}% {m.Value.Seconds:F2} s"));
    }

    /// <summary>Each stage (from the start or the last mark to a mark): its seconds and the cores it kept busy on average.</summary>
    public string Busy()
    {
        lock (marks)
        {
            var ordered = marks.OrderBy(m => m.Value.Seconds).ToList();
            var parts = new List<string>();
            (double Seconds, double Cpu) last = (0, startCpu);
            foreach (var (mark, at) in ordered)
            {
                double wall = at.Seconds - last.Seconds;
                if (wall >= 0.05) parts.Add($"to {mark}% {wall:F2} s × {(at.Cpu - last.Cpu) / wall:F2} cores");
                last = at;
            }
            return string.Join(", ", parts);
        }
    }
}

internal static class ProcessUsage
{
    /// <summary>A process's CPU seconds (user and system, its waited-for children's too) and minor page faults, from /proc ("self" or a pid).</summary>
    public static (double Cpu, long Faults) Read(string process)
    {
        string stat = File.ReadAllText($"/proc/{process}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Counted from the state (0), after the name: minflt is 7, cminflt 8, utime 11 … cstime 14, in ticks of 1/100 s.
        return (Enumerable.Range(11, 4).Sum(i => double.Parse(f[i], System.Globalization.CultureInfo.InvariantCulture)) / 100.0,
            long.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[8], System.Globalization.CultureInfo.InvariantCulture));
    }
}
