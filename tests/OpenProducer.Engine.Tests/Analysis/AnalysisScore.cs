using OpenProducer.Engine.Analysis;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests.Analysis;

/// <summary>How one analysis measures against its truth, by the usual MIR figures.</summary>
public sealed record AnalysisScore(bool TempoRight, bool MetreRight, bool KeyRight, int DownbeatsHit, int Downbeats, int DownbeatsFound,
    int BoundariesHit, int Boundaries, int BoundariesFound, int PitchFramesRight, int PitchFrames)
{
    public const double DownbeatTolerance = 0.07, BoundaryTolerance = 1.5, TempoTolerance = 0.04;

    public static AnalysisScore Of(RecordingAnalysis a, Truth t)
    {
        double ratio = a.Tempo / t.Tempo;
        bool tempo = new[] { 1, 2, 0.5 }.Any(f => Math.Abs(ratio / f - 1) <= TempoTolerance);
        bool key = SameKeyFamily(a.Key, t.KeyRoot, t.Minor);
        int downbeatsHit = EventMatch.Matched(t.Downbeats, a.Downbeats, DownbeatTolerance);
        // Boundaries inside the song: the first section's start is not a boundary.
        var trueBounds = t.SectionStarts.Skip(1).ToList();
        var found = a.Sections.Skip(1).Select(s => s.Start).ToList();
        int boundsHit = EventMatch.Matched(trueBounds, found, BoundaryTolerance);
        int right = 0, frames = 0;
        foreach (var note in t.Sung)
            for (double at = note.Start + 0.005; at < note.End; at += 0.01)
            {
                frames++;
                var heard = a.Melody.FirstOrDefault(h => h.Start <= at && at < h.End);
                if (heard is not null && Math.Abs(heard.Pitch - note.Pitch) <= 0.5) right++;
            }
        return new AnalysisScore(tempo, a.BeatsPerBar == t.BeatsPerBar, key, downbeatsHit, t.Downbeats.Count, a.Downbeats.Count,
            boundsHit, trueBounds.Count, found.Count, right, frames);
    }

    /// <summary>The key, or its relative (the same notes, the other mode), counts as right.</summary>
    public static bool SameKeyFamily(MusicalKey key, int root, bool minor)
    {
        if (key.Tonic == root && key.Minor == minor) return true;
        int relative = minor ? (root + 3) % 12 : (root + 9) % 12;
        return key.Minor != minor && key.Tonic == relative;
    }
}
