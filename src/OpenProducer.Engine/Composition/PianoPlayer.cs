using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// A pianist with two hands: the left hand low (a root, its fifth or octave, in C2–C3), the right hand's chord in
/// the middle of the keyboard, voice-led. Patterns by style: broken chords in ballads and light passages, pushed
/// pop rhythms, jazz comping with rootless voicings, eighths for rock. The sustain pedal (CC64) is caught just
/// after each chord change and lifted just before the next, the way a pianist changes pedal.
/// </summary>
internal sealed class PianoPlayer(Arrangement a, Orchestration plan, Feel feel)
{
    private readonly Rng _rng = a.Rng.Fork("piano");

    public void Write(Track track, string comp, bool pedal)
    {
        int[]? previous = null;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            int level = plan.Level(BandPart.Chords, bar);
            var chord = a.BarChords[bar];
            var right = Harmony.Voice(comp == "charleston" ? Rootless(chord) : chord, previous, 58, 79);
            previous = right;
            if (level == 0) continue;
            double t = bar * a.BeatsPerBar;
            int bass = 36 + ((chord.Root % 12) + 12) % 12;
            if (bass > 45) bass -= 12;
            if (pedal && comp != "eighths")
            {
                track.Controls.Add(new Control(t + 0.06, Control.Sustain, 127));
                track.Controls.Add(new Control(t + a.BeatsPerBar - 0.06, Control.Sustain, 0));
            }
            if (a.BeatsPerBar == 3)
            {
                Left(track, t, 0, bass, 0.95, 1);
                foreach (double beat in new[] { 1.0, 2.0 }) Right(track, t, beat, right, 0.8, 0.8);
                continue;
            }
            string use = level == 1 || comp is "whole" ? "broken" : comp;
            switch (use)
            {
                case "broken":
                    // Left hand holds the root; the right hand breaks the chord in eighths, rising and falling.
                    Left(track, t, 0, bass, a.BeatsPerBar - 0.1, 0.95);
                    int[] order = [0, 1, 2, right.Length - 1, 2, 1, 0, 1];
                    for (int i = 0; i < 8; i++)
                        Right(track, t, i * 0.5, [right[Math.Min(order[i], right.Length - 1)] + (i == 3 ? 12 : 0)], 0.9, 0.78);
                    break;
                case "charleston":
                    Left(track, t, 0, bass, 1.4, 0.85);
                    Right(track, t, 0, right, 1.2, 0.9);
                    Right(track, t, 1.5, right, 0.4, 0.85);
                    if (level >= 3) Right(track, t, 3, right, 0.4, 0.8);
                    break;
                case "eighths":
                    for (int i = 0; i < 8; i++) Right(track, t, i * 0.5, right, 0.4, 1);
                    Left(track, t, 0, bass, 1.9, 1);
                    Left(track, t, 2, bass, 1.9, 0.95);
                    break;
                case "offbeat":
                    foreach (double at in new[] { 0.5, 1.5, 2.5, 3.5 }) Right(track, t, at, right, 0.3, 0.95);
                    break;
                default:
                    // Pop piano: octaves in the left hand on one and three, the right hand pushing the "and" of two and four.
                    Left(track, t, 0, bass, 1.4, 1);
                    Left(track, t, 0, bass + 12, 1.4, 0.8);
                    Left(track, t, 2, bass, 1.4, 0.95);
                    Right(track, t, 0, right, 1.4, 1);
                    Right(track, t, 1.5, right, 1.0, 0.9);
                    Right(track, t, 2.5, right, 0.9, 0.88);
                    if (level >= 3) Right(track, t, 3.5, right, 0.4, 0.85);
                    break;
            }
        }
        var final = Harmony.Voice(Harmony.Diatonic(a.KeyRoot, a.Minor, 0, false), previous, 58, 79);
        double end = a.TotalBars * a.BeatsPerBar;
        foreach (var p in final) track.Notes.Add(new Note(end, 3, p, 78));
        track.Notes.Add(new Note(end, 3, 36 + ((a.KeyRoot % 12) + 12) % 12, 80));
        if (pedal) track.Controls.Add(new Control(end + 0.06, Control.Sustain, 127));
    }

    private void Left(Track track, double barStart, double at, int pitch, double length, double weight) => Play(track, barStart, at, [pitch], length, 80, weight);

    private void Right(Track track, double barStart, double at, int[] notes, double length, double weight) => Play(track, barStart, at, notes, length, 74, weight);

    private void Play(Track track, double barStart, double at, int[] notes, double length, int velocity, double weight)
    {
        // A pianist's hand is not a block: the notes of a chord land within a few milliseconds of each other.
        double start = barStart + a.Swung(at) + feel.Offset(_rng, TrackRole.Chords, at);
        int v = feel.Velocity(_rng, barStart + at, velocity, weight * Arrangement.Accent(at));
        foreach (int p in notes)
            track.Notes.Add(new Note(Math.Max(0, start + (feel.Machine ? 0 : _rng.NextDouble() * 0.008)), length, p, Math.Max(1, v - (_rng.Chance(0.5) ? 3 : 0))));
    }

    /// <summary>A jazz pianist's left-hand-less voicing: third, seventh and ninth (the bass has the root).</summary>
    private static Chord Rootless(Chord chord)
    {
        var pcs = chord.PitchClasses;
        if (pcs.Length < 4) return chord;
        return chord with { PitchClasses = [pcs[1], pcs[3], (chord.Root + 2) % 12] };
    }
}
