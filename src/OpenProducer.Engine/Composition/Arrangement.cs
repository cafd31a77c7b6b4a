using OpenProducer.Engine.Core;

using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Composition;

/// <summary>The decisions every part writer shares: key, meter, form, the chord of every bar.</summary>
internal sealed class Arrangement
{
    public required Rng Rng { get; init; }
    public required SongStyle Style { get; init; }
    public required ModelPreset Preset { get; init; }
    public required double Tempo { get; init; }
    public required int BeatsPerBar { get; init; }
    public required int KeyRoot { get; init; }
    public required bool Minor { get; init; }
    public required double Swing { get; init; }
    public required double Weirdness { get; init; }
    /// <summary>How strictly the melody follows the words' natural rhythm (0–1).</summary>
    public double LyricsStrength { get; init; } = 0.5;
    public required IReadOnlyList<PlannedSection> Plan { get; init; }
    public required Chord[] BarChords { get; init; }

    public int TotalBars => BarChords.Length;

    /// <summary>Beat position after swing: off-beat eighths are pushed late toward a triplet feel.</summary>
    public double Swung(double beat)
    {
        if (Swing <= 0) return beat;
        double frac = beat - Math.Floor(beat);
        if (Math.Abs(frac - 0.5) < 1e-6) return Math.Floor(beat) + 0.5 + Swing / 6.0;
        return beat;
    }

    public PlannedSection SectionAtBar(int bar)
    {
        foreach (var p in Plan)
            if (bar >= p.Section.StartBar && bar < p.Section.StartBar + p.Section.Bars) return p;
        return Plan[^1];
    }

    /// <summary>
    /// Metric accent for a note at <paramref name="beatInBar"/>: players lean on the downbeat and the beats and play
    /// lighter between them. It is also what lets a listener (or a beat tracker) hear where the beat is when a part
    /// runs in even eighths, which otherwise could be grouped in twos or threes.
    /// </summary>
    public static double Accent(double beatInBar)
    {
        double frac = beatInBar - Math.Floor(beatInBar + 1e-9);
        if (frac < 1e-6 || frac > 1 - 1e-6) return beatInBar < 0.5 ? 1.1 : 1.0;
        return Math.Abs(frac - 0.5) < 1e-6 ? 0.78 : 0.68;
    }

    /// <summary>A deterministic velocity: the section's energy, the song's energy and a little human variation.</summary>
    public int Velocity(Rng rng, double sectionEnergy, int baseVelocity, double accent = 1)
    {
        double v = baseVelocity * accent * (0.7 + 0.3 * sectionEnergy) * (0.85 + 0.3 * Style.Energy);
        v += (rng.NextDouble() - 0.5) * 10 * Preset.Humanize;
        return Math.Clamp((int)Math.Round(v), 1, 127);
    }
}
