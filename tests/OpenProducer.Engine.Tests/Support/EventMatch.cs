namespace OpenProducer.Tests.Support;

/// <summary>How many true events (times in seconds) found events match, one to one, within a tolerance.</summary>
public static class EventMatch
{
    /// <summary>True events matched one to one by found events within the tolerance (greedy in time order, nearest first).</summary>
    public static int Matched(IReadOnlyList<double> truth, IReadOnlyList<double> found, double tolerance)
    {
        var used = new bool[found.Count];
        int hits = 0;
        foreach (double t in truth)
        {
            int best = -1;
            for (int i = 0; i < found.Count; i++)
                if (!used[i] && Math.Abs(found[i] - t) <= tolerance && (best < 0 || Math.Abs(found[i] - t) < Math.Abs(found[best] - t))) best = i;
            if (best >= 0) { used[best] = true; hits++; }
        }
        return hits;
    }
}
