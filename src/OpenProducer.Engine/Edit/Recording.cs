using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Edit;

/// <summary>A section of a recording's form, as heard: seconds, the label repeats share, and what it most likely is.</summary>
public sealed record RecordedSection(double Start, double End, string Label, SectionKind Kind);

/// <summary>A note of a recording's sung tune: seconds and a MIDI pitch.</summary>
public sealed record RecordedNote(double Start, double End, int Pitch);

/// <summary>The chord a recording plays through the bar starting at <see cref="Start"/> (seconds); Root −1 when none is heard.</summary>
public sealed record RecordedChord(double Start, int Root, bool Minor);

/// <summary>
/// A user's recording as the root of a chain of edits: the file (relative to the engine's recordings folder, kept
/// byte for byte) and what listening to it found that new material must agree with: its beat grid (tempo, metre,
/// downbeats), key, form, loudness and peak, and who sings in it (<see cref="Singer"/>: "m", "f" or null).
/// </summary>
public sealed record Recording(string File, double Seconds, double Tempo, int BeatsPerBar, IReadOnlyList<double> Downbeats,
    int KeyRoot, bool Minor, double Lufs, double TruePeakDb)
{
    public IReadOnlyList<RecordedSection> Sections { get; init; } = [];

    public string? Singer { get; init; }

    /// <summary>The tune sung in it, as heard (for a cover).</summary>
    public IReadOnlyList<RecordedNote> Melody { get; init; } = [];

    /// <summary>Its chords, a bar each (for a cover).</summary>
    public IReadOnlyList<RecordedChord> Chords { get; init; } = [];

    /// <summary>The length of a bar at the recording's overall tempo (seconds).</summary>
    public double BarSeconds => 60.0 * BeatsPerBar / Tempo;

    /// <summary>
    /// The downbeat nearest to a time, within the recording and after its start (a join needs kept audio before
    /// it); without downbeats, the nearest bar line of the overall grid.
    /// </summary>
    public double Snap(double seconds)
    {
        var candidates = Downbeats.Count > 0 ? Downbeats : Grid();
        double best = double.NaN;
        foreach (double d in candidates)
            if (d > 0.5 && d < Seconds - 0.05 && (double.IsNaN(best) || Math.Abs(d - seconds) < Math.Abs(best - seconds))) best = d;
        return double.IsNaN(best) ? Math.Clamp(seconds, 0, Seconds) : best;
    }

    private IEnumerable<double> Grid()
    {
        for (double t = 0; t < Seconds; t += BarSeconds) yield return t;
    }

    /// <summary>
    /// The bar length new material starting at <paramref name="from"/> plays to: for a span (a replacement), the one
    /// that fills it with whole bars exactly; for an extension, the recording's own over its last bars before the
    /// join (the median of up to eight downbeat spacings), so the groove carries on at the tempo it had there.
    /// </summary>
    public double BarSecondsAt(double from, double? to = null)
    {
        if (to is double end)
        {
            int bars = Math.Max(1, (int)Math.Round((end - from) / BarSeconds));
            return (end - from) / bars;
        }
        var before = Downbeats.Where(d => d <= from + 1e-6).TakeLast(9).ToList();
        var spacings = before.Zip(before.Skip(1), (a, b) => b - a).Where(s => s > 0).Order().ToList();
        if (spacings.Count == 0) return BarSeconds;
        double median = spacings[spacings.Count / 2];
        // A spacing far from the overall bar is a missed or doubled downbeat, not the groove.
        return Math.Abs(median / BarSeconds - 1) < 0.15 ? median : BarSeconds;
    }

    /// <summary>A voice profile code for who sings in a recording, from the median pitch of its sung melody (MIDI).</summary>
    public static string? SingerOf(IReadOnlyList<int> sungPitches)
    {
        if (sungPitches.Count < 8) return null;
        var sorted = sungPitches.Order().ToList();
        // Between a man's and a woman's usual singing range (about A2–A4 and A3–A5), where they overlap least.
        return sorted[sorted.Count / 2] >= 55 ? "f" : "m";
    }
}
