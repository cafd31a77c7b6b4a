using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// How the players sit against the grid: each role's habitual placement (the snare laid back, the hi-hat's eighths
/// pushed, the bass just behind the kick) plus a small human scatter, in milliseconds turned into beats at the
/// song's tempo. Genres a machine plays stay on the grid. Also the dynamics every player shares: crescendos into
/// choruses and a lift in the last one.
/// </summary>
internal sealed class Feel(Arrangement a)
{
    private readonly bool _machine = GenreSound.MachinePlayed(a.Style.Genre);
    private readonly double _beatsPerMs = a.Tempo / 60000.0;
    /// <summary>Genres with a lazy pocket: the backbeat sits further behind.</summary>
    private readonly double _layBack = a.Style.Genre.Name is "hip hop" or "lofi" or "rnb" or "reggae" or "soul" or "gospel" ? 14 : 7;
    /// <summary>Genres played without a click, where an ensemble breathes together: looser placement all round.</summary>
    private readonly double _loose = a.Style.Genre.Name is "classical" or "soundtrack" or "new age" or "lullaby" or "chinese traditional" or "ballad" or "folk" or "waltz" ? 1.6 : 1;

    public bool Machine => _machine;

    /// <summary>A player's offset from the written beat, in beats (positive is late).</summary>
    public double Offset(Rng rng, TrackRole role, double beatInBar, int drumKey = -1)
    {
        if (_machine) return 0;
        double frac = beatInBar - Math.Floor(beatInBar + 1e-9);
        bool offBeat = Math.Abs(frac - 0.5) < 1e-6;
        bool sixteenth = Math.Abs(frac - 0.25) < 1e-6 || Math.Abs(frac - 0.75) < 1e-6;
        double habit = role switch
        {
            TrackRole.Drums when drumKey is 38 or 40 or 37 or 39 => _layBack,               // snare, side stick, clap
            TrackRole.Drums when drumKey is 35 or 36 => 0,                                  // the kick holds the time
            TrackRole.Drums when drumKey is 42 or 44 or 46 or 51 => offBeat ? -4 : sixteenth ? -6 : 1,   // hats and ride: pushed off-beats
            TrackRole.Drums => offBeat ? -3 : sixteenth ? -5 : 2,                           // toms, shakers and hand percussion ride the hats' push
            TrackRole.Bass => 4,
            TrackRole.Chords => 3,
            TrackRole.Pad => 8,
            _ => 2,
        };
        double scatter = role == TrackRole.Drums ? 5 : 7;
        // A triangular scatter: most notes near the habit, a few further off.
        double ms = _loose * (habit + scatter * (rng.NextDouble() - rng.NextDouble()) * (0.6 + 0.8 * a.Preset.Humanize));
        return ms * _beatsPerMs;
    }

    /// <summary>
    /// A velocity for a note at <paramref name="beat"/> (song beats): the base, the metric accent, the section's
    /// energy, a crescendo over the last bars before a chorus, a lift in the final chorus, and a human scatter.
    /// Machines play even levels (accents only).
    /// </summary>
    public int Velocity(Rng rng, double beat, int baseVelocity, double accent = 1)
    {
        int bar = Math.Min((int)(beat / a.BeatsPerBar), a.TotalBars - 1);
        var planned = a.SectionAtBar(bar);
        var s = planned.Section;
        double v = baseVelocity * accent * (0.6 + 0.4 * s.Energy) * (0.85 + 0.3 * a.Style.Energy);
        int index = a.Plan.ToList().IndexOf(planned);
        bool beforeChorus = index + 1 < a.Plan.Count && a.Plan[index + 1].Section.Kind == SectionKind.Chorus && s.Kind != SectionKind.Chorus;
        int barsLeft = s.StartBar + s.Bars - bar;
        if (beforeChorus && barsLeft <= 2)
            v *= 1 + 0.08 * (2 - barsLeft + (beat - bar * a.BeatsPerBar) / a.BeatsPerBar);
        if (s.Kind == SectionKind.Chorus && a.Plan.Skip(index + 1).All(p => p.Section.Kind != SectionKind.Chorus)) v *= 1.06;
        if (!_machine) v += (rng.NextDouble() - rng.NextDouble()) * 12 * a.Preset.Humanize;
        return Math.Clamp((int)Math.Round(v), 1, 127);
    }
}
