using System.Diagnostics;

/// <summary>Progress as it is reported, on the reporting thread: the time each stage's mark was reached.</summary>
internal sealed class StageClock : IProgress<int>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<int, double> marks = [];

    public double Elapsed => clock.Elapsed.TotalSeconds;

    public void Report(int value)
    {
        lock (marks) marks.TryAdd(value, clock.Elapsed.TotalSeconds);
    }

    public double At(int mark)
    {
        lock (marks) return marks[mark];
    }

    /// <summary>Every mark and its time, in the order they were reached.</summary>
    public override string ToString()
    {
        lock (marks) return string.Join(", ", marks.OrderBy(m => m.Value).Select(m => $"{m.Key}% {m.Value:F2} s"));
    }
}
