using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// A second voice that answers the melody: in the breath between two sung (or played) phrases it plays a short
/// figure — three to five notes walking to a tone of the chord underneath — above the tune, then gets out of the
/// way. Where the arrangement brings it in (second verses, choruses, the bridge), and only where there is room.
/// Also the hook: the intro's lead plays the chorus's first line, so the song's tune is heard before anyone sings.
/// </summary>
internal sealed class CounterPlayer(Arrangement a, Orchestration plan, Feel feel)
{
    private readonly Rng _rng = a.Rng.Fork("counter");

    /// <summary>The instrument that answers the voice in this genre (never the lead's own).</summary>
    public static int Program(string genre, int lead)
    {
        int p = genre switch
        {
            "rock" or "indie" or "punk" or "metal" or "blues" => 27,
            "pop" or "kpop" or "cantopop" or "christmas" or "rnb" or "gospel" => 4,
            "ballad" => 48,
            "country" or "folk" => 110,
            "jazz" or "lofi" or "bossa nova" => 65,
            "electronic" or "synthwave" or "drum and bass" or "trap" or "dubstep" or "soundtrack" => 80,
            "reggae" => 16,
            "funk" or "disco" or "afrobeat" or "march" => 61,
            "latin" or "tango" or "flamenco" => 21,
            "chinese traditional" or "classical" or "new age" => 73,
            _ => 11,
        };
        return p == lead ? (lead == 11 ? 73 : 11) : p;
    }

    public void Write(Track track, IReadOnlyList<MelodyNote> melody)
    {
        var notes = melody.OrderBy(m => m.Start).ToList();
        double lastFill = double.NegativeInfinity;
        for (int i = 0; i + 1 < notes.Count; i++)
        {
            double gapStart = notes[i].Start + notes[i].Length, gapEnd = notes[i + 1].Start;
            if (gapEnd - gapStart < 1.0 || gapStart - lastFill < 2 * a.BeatsPerBar) continue;
            int bar = Math.Min((int)(gapStart / a.BeatsPerBar), a.TotalBars - 1);
            if (plan.Level(BandPart.Counter, bar) == 0) continue;
            lastFill = gapStart;
            // Start on the next off-beat after the phrase ends, and finish a little before the next one begins.
            double start = Math.Ceiling(gapStart * 2 + 0.01) / 2;
            int count = Math.Clamp((int)((gapEnd - start - 0.25) / 0.5), 0, 5);
            if (count < 2) continue;
            var chord = a.BarChords[Math.Min((int)((start + count * 0.5) / a.BeatsPerBar), a.TotalBars - 1)];
            var scale = Harmony.Scale(a.Minor).Select(d => (d + a.KeyRoot) % 12).ToArray();
            // Above the tune: the figure lives an octave over the melody's last note, walking down (or up) the scale.
            int pitch = Math.Clamp(notes[i].Pitch + 12, 67, 86);
            int direction = _rng.Chance(0.6) ? -1 : 1;
            // Each answer has its own weight: a soft echo of the line, or a firm reply.
            double weight = 0.8 + 0.35 * _rng.NextDouble();
            for (int n = 0; n < count; n++)
            {
                bool last = n == count - 1;
                int p = last ? Nearest(pitch, chord.PitchClasses) : Nearest(pitch, scale);
                double at = start + n * 0.5;
                double beatInBar = at - Math.Floor(at / a.BeatsPerBar) * a.BeatsPerBar;
                double t = Math.Max(0, a.Swung(at) + feel.Offset(_rng, TrackRole.Counter, beatInBar));
                // A pickup leans into its landing note; a longer figure swells to its middle and lands.
                double arc = count == 2 ? (last ? 1.1 : 0.8) : 0.7 + 0.5 * Math.Sin(Math.PI * (n + 0.5) / count);
                track.Notes.Add(new Note(t, last ? 1.0 : 0.45, p, feel.Velocity(_rng, at, 78, weight * arc * (last ? 1.0 : 0.85) * Arrangement.Accent(beatInBar))));
                pitch = p + direction * (_rng.Chance(0.7) ? 2 : 1);
            }
        }
    }

    /// <summary>The intro plays the hook: the first chorus's first line, on the lead instrument, ending as the intro ends.</summary>
    public static void Hook(Arrangement a, Track lead, IReadOnlyList<MelodyNote> melody, IReadOnlyList<LyricLine> lines, Feel feel)
    {
        var intro = a.Plan[0].Section;
        if (intro.Kind != SectionKind.Intro || intro.Bars < 2) return;
        var chorus = a.Plan.FirstOrDefault(p => p.Section.Kind == SectionKind.Chorus)?.Section;
        if (chorus is null) return;
        double from = chorus.StartBar * a.BeatsPerBar;
        var line = lines.FirstOrDefault(l => l.Start >= from - 1e-9);
        double lineEnd = line?.End ?? from + 2 * a.BeatsPerBar;
        var hook = melody.Where(m => m.Start >= from - 1e-9 && m.Start < lineEnd).ToList();
        if (hook.Count == 0) return;
        int bars = (int)Math.Ceiling((hook[^1].Start + hook[^1].Length - from) / a.BeatsPerBar);
        if (bars > intro.Bars) return;
        double shift = (intro.StartBar + intro.Bars - bars) * a.BeatsPerBar - from;
        var rng = a.Rng.Fork("hook");
        foreach (var m in hook)
        {
            double at = m.Start + shift;
            double beatInBar = at - Math.Floor(at / a.BeatsPerBar) * a.BeatsPerBar;
            lead.Notes.Add(new Note(Math.Max(0, at + feel.Offset(rng, TrackRole.Lead, beatInBar)), m.Length, m.Pitch, feel.Velocity(rng, at, 88, Arrangement.Accent(beatInBar))));
        }
    }

    private static int Nearest(int pitch, int[] pitchClasses)
    {
        for (int d = 0; d < 12; d++)
            foreach (int c in new[] { pitch - d, pitch + d })
                if (pitchClasses.Contains(((c % 12) + 12) % 12)) return c;
        return pitch;
    }
}
