using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// The harmony parts: the chord instrument comps in its genre's pattern, played by the right player (a rhythm
/// guitarist for guitars, a two-handed pianist for pianos, a keyboard player otherwise); the pad holds chords and
/// swells into its sections (CC11 expression); sparse genres get a broken-chord figure that carries the pulse.
/// </summary>
internal sealed class Comping(Arrangement a, Orchestration plan, Feel feel)
{
    private readonly Rng _rng = a.Rng.Fork("chords");

    /// <summary>(beat offset, length) hits within one 4/4 bar, for keyboards and everything that is not a guitar or a piano.</summary>
    private static readonly Dictionary<string, (double At, double Len)[]> Comps = new()
    {
        ["block"] = [(0, 1.9), (2, 1.9)],
        ["strum"] = [(0, 0.9), (1, 0.45), (1.5, 0.9), (2.5, 0.45), (3, 0.45), (3.5, 0.45)],
        ["eighths"] = [(0, 0.45), (0.5, 0.45), (1, 0.45), (1.5, 0.45), (2, 0.45), (2.5, 0.45), (3, 0.45), (3.5, 0.45)],
        ["charleston"] = [(0, 1.2), (1.5, 0.4)],
        ["bossa"] = [(0, 0.9), (1.5, 0.9), (3, 0.45), (3.5, 0.9)],
        ["offbeat"] = [(0.5, 0.3), (1.5, 0.3), (2.5, 0.3), (3.5, 0.3)],
        ["skank"] = [(1, 0.3), (3, 0.3)],
        ["funk"] = [(0, 0.2), (0.75, 0.2), (1.5, 0.2), (2.25, 0.2), (3, 0.2), (3.5, 0.2)],
        ["whole"] = [(0, 3.9)],
    };

    private string Style => a.Style.Genre.Drums switch
    {
        "rock" or "metal" => "eighths",
        "jazz" or "lofi" or "rnb" => "charleston",
        "bossa" => "bossa",
        "four" or "disco" => "offbeat",
        "trap" => "whole",
        "reggae" => "skank",
        "funk" => "funk",
        "folk" or "country" or "soft" => "strum",
        "none" or "pulse" or "orchestral" => "whole",
        _ => "block",
    };

    public void WriteComp(Track track)
    {
        int family = track.Program / 8;
        bool sparse = a.Style.Genre.Sparse || a.Style.Genre.Drums == "ballad";
        if (family == 3 && !a.Style.Genre.Sparse) { new GuitarPlayer(a, plan, feel).Write(track, Style); return; }
        if (family == 0 && !a.Style.Genre.Sparse) { new PianoPlayer(a, plan, feel).Write(track, sparse ? "whole" : Style, pedal: true); return; }
        int[]? previous = null;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            int level = plan.Level(BandPart.Chords, bar);
            var voicing = Harmony.Voice(a.BarChords[bar], previous, 52, 76);
            previous = voicing;
            if (level == 0) continue;
            double t = bar * a.BeatsPerBar;
            if (a.BeatsPerBar == 3)
            {
                foreach (var beat in new[] { 1.0, 2.0 }) Hit(track, t, beat, voicing, 0.8, 70);
                continue;
            }
            if (sparse)
            {
                // Broken chord in eighths: root, fifth, octave, third… the figure that carries the pulse without drums.
                int[] order = [0, voicing.Length - 1, 1, voicing.Length - 1, 0, voicing.Length - 1, 1, voicing.Length - 1];
                for (int i = 0; i < 8; i++) Hit(track, t, i * 0.5, [voicing[order[i]] + (i == 2 ? 12 : 0)], 0.9, 80);
                continue;
            }
            string use = level == 1 ? "block" : Style;
            foreach (var (at, len) in Comps[use]) Hit(track, t, at, voicing, len, 78);
        }
        var final = Harmony.Voice(Harmony.Diatonic(a.KeyRoot, a.Minor, 0, false), previous, 52, 76);
        foreach (var p in final) track.Notes.Add(new Note(a.TotalBars * a.BeatsPerBar, 3, p, 75));
    }

    private void Hit(Track track, double barStart, double at, int[] notes, double length, int velocity)
    {
        double start = Math.Max(0, barStart + a.Swung(at) + feel.Offset(_rng, TrackRole.Chords, at));
        int v = feel.Velocity(_rng, barStart + at, velocity, Arrangement.Accent(at));
        foreach (var p in notes) track.Notes.Add(new Note(start, length, p, v));
    }

    /// <summary>
    /// The pad: held chords where the arrangement brings it in, swelling in over its first bar and easing off over
    /// the last one of each passage (expression, CC11), louder where the section is fuller.
    /// </summary>
    public void WritePad(Track track)
    {
        var rng = a.Rng.Fork("pad");
        int[]? previous = null;
        bool wasPlaying = false;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            int level = plan.Level(BandPart.Pad, bar);
            var voicing = Harmony.Voice(a.BarChords[bar], previous, 55, 79);
            previous = voicing;
            bool playing = level > 0;
            double t = bar * a.BeatsPerBar;
            if (playing && !wasPlaying) Swell(track, t, 40, 70 + 18 * level);
            if (playing && plan.Level(BandPart.Pad, bar + 1) == 0) Swell(track, t, 70 + 18 * level, 50);
            wasPlaying = playing;
            if (!playing) continue;
            // Voiced as a player balances a chord: the top note sings out, the inner voices sit under it.
            var sorted = voicing.Order().ToArray();
            for (int i = 0; i < sorted.Length; i++)
            {
                double balance = i == sorted.Length - 1 ? 1.25 : i == 0 ? 1.0 : 0.8;
                track.Notes.Add(new Note(t + feel.Offset(rng, TrackRole.Pad, 0), a.BeatsPerBar, sorted[i], feel.Velocity(rng, t, 56 + 6 * level, balance)));
            }
        }
    }

    /// <summary>An expression ramp over one bar, in eighth-note steps.</summary>
    private void Swell(Track track, double barStart, int from, int to)
    {
        int steps = a.BeatsPerBar * 2;
        for (int i = 0; i <= steps; i++)
            track.Controls.Add(new Control(barStart + i * 0.5 * (i == steps ? 0.98 : 1), Control.Expression, Math.Clamp(from + (to - from) * i / steps, 0, 127)));
    }

    /// <summary>Held chords in every bar, for a part a ranged sound brings in.</summary>
    public static void WriteHeld(Arrangement a, Track track)
    {
        var rng = a.Rng.Fork("held:" + track.Program);
        int[]? previous = null;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            var voicing = Harmony.Voice(a.BarChords[bar], previous, 55, 79);
            previous = voicing;
            foreach (var p in voicing)
                track.Notes.Add(new Note(bar * a.BeatsPerBar, a.BeatsPerBar, p, a.Velocity(rng, a.SectionAtBar(bar).Section.Energy, 64)));
        }
    }
}
