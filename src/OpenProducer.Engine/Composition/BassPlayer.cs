using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// The bass player: the genre's figure on each bar's chord when the section wants it, long notes with rests when
/// it is light, and when it is full the figure plus octave pops; walking lines in jazz. Approaching a new chord,
/// the last note of a bar walks into the next root by a scale step (a chromatic half step in jazz, funk and
/// shuffles); a funk player adds dead notes.
/// </summary>
internal sealed class BassPlayer(Arrangement a, Orchestration plan, Feel feel)
{
    private readonly Rng _rng = a.Rng.Fork("bass");

    private string Figure => a.BeatsPerBar == 3 ? "waltz" : a.Style.Genre.Drums switch
    {
        "rock" or "metal" or "punk" => "eighths",
        "jazz" => "walk",
        "shuffle" or "bossa" or "country" or "tango" => "fifths",
        "four" or "disco" => "offbeat",
        "trap" => "808",
        "pulse" or "orchestral" or "none" => "halves",
        "soft" or "ballad" => "whole",
        _ => "pop",
    };

    public void Write(Track track)
    {
        string figure = Figure;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            int level = plan.Level(BandPart.Bass, bar);
            if (level == 0) continue;
            var chord = a.BarChords[bar];
            int root = Low(chord.Root);
            int fifth = root + 7 > 52 ? root - 5 : root + 7;
            double t = bar * a.BeatsPerBar;
            var notes = new List<(double At, double Len, int Pitch, double Weight)>();
            string use = level == 1 && figure is not ("808" or "offbeat" or "walk" or "waltz") ? "halves" : figure;
            switch (use)
            {
                case "eighths":
                    for (int i = 0; i < a.BeatsPerBar * 2; i++) notes.Add((i * 0.5, i % 2 == 0 ? 0.45 : 0.3, root, 1));
                    break;
                case "walk":
                    int target = Low(a.BarChords[Math.Min(bar + 1, a.TotalBars - 1)].Root);
                    int[] steps = [root, Low(chord.PitchClasses[1]), Low(chord.PitchClasses[2]), target + (_rng.Chance(0.5) ? 1 : -1)];
                    for (int i = 0; i < 4; i++) notes.Add((i, 0.9, steps[i], i == 0 ? 1 : 0.92));
                    break;
                case "fifths":
                    // Boom-chick: a long root on the downbeat, a lighter, shorter fifth on three.
                    notes.Add((0, 1.8, root, 1));
                    notes.Add((2, 0.9, fifth, 0.82));
                    break;
                case "offbeat":
                    notes.Add((0, 0.4, root, 1));
                    for (int i = 0; i < 4; i++) notes.Add((i + 0.5, 0.4, root, 0.95));
                    break;
                case "808":
                    // Long sub notes on the kick's hits (1, the "a" of 2, the "and" of 3), the first one leaning on the beat.
                    notes.Add((0, 1.7, root, 1));
                    notes.Add((1.75, 0.7, root, 0.8));
                    notes.Add((2.5, 1.4, _rng.Chance(0.3) ? root + 12 : root, 0.85));
                    break;
                case "halves":
                    // Root on one, fifth on three: the slow pulse of low strings or a bassist laying back; a light bar may rest on three.
                    notes.Add((0, a.BeatsPerBar / 2.0 - 0.1, root, 0.95));
                    if (level >= 2 || a.Style.Genre.Sparse || _rng.Chance(0.6)) notes.Add((a.BeatsPerBar / 2.0, a.BeatsPerBar / 2.0 - 0.1, fifth, 0.85));
                    break;
                case "waltz":
                    notes.Add((0, 0.95, root, 1));
                    if (level >= 2) notes.Add((2, 0.45, fifth, 0.7));
                    break;
                case "whole":
                    notes.Add((0, a.BeatsPerBar * 0.95, root, 0.9));
                    break;
                default:
                    notes.Add((0, 1.4, root, 1));
                    notes.Add((1.5, 0.45, root, 0.85));
                    notes.Add((2, 1.4, _rng.Chance(0.3) ? root + 12 : root, 0.95));
                    notes.Add((3.5, 0.45, fifth, 0.82));
                    break;
            }
            if (level >= 3 && use is "pop" or "fifths" or "halves" && _rng.Chance(0.5))
                notes.Add((a.BeatsPerBar - 1.5, 0.4, root + 12, 0.8));   // an octave pop in a full section
            if (a.Style.Genre.Drums == "funk" && level >= 2)
                foreach (double at in new[] { 0.75, 2.75 }) notes.Add((at, 0.1, root, 0.45)); // dead notes
            Approach(notes, bar, root, level);
            foreach (var (at, len, pitch, weight) in notes.OrderBy(n => n.At))
            {
                double start = Math.Max(0, t + a.Swung(at) + feel.Offset(_rng, TrackRole.Bass, at));
                track.Notes.Add(new Note(start, len, pitch, feel.Velocity(_rng, t + at, 96, weight * Arrangement.Accent(at))));
            }
        }
        track.Notes.Add(new Note(a.TotalBars * a.BeatsPerBar, 2, Low(a.KeyRoot), 90));
    }

    /// <summary>
    /// When the next bar brings a new root, the bar's last note walks into it from the next note of the scale above or
    /// below (from a half step away where the style plays chromatic approaches); machines and light passages skip it.
    /// </summary>
    private void Approach(List<(double At, double Len, int Pitch, double Weight)> notes, int bar, int root, int level)
    {
        if (feel.Machine || level < 2 || bar + 1 >= a.TotalBars || Figure == "walk" || notes.Count == 0) return;
        int next = Low(a.BarChords[bar + 1].Root);
        if (next == root || !_rng.Chance(0.55)) return;
        double at = a.BeatsPerBar - 0.5;
        notes.RemoveAll(n => n.At >= at - 1e-9);
        // Trim whatever rings into the approach.
        for (int i = 0; i < notes.Count; i++)
            if (notes[i].At + notes[i].Len > at) notes[i] = notes[i] with { Len = Math.Max(0.2, at - notes[i].At - 0.05) };
        int from = Chromatic ? (_rng.Chance(0.5) ? next - 1 : next + 1) : ScaleStep(next, _rng.Chance(0.5) ? -1 : 1);
        notes.Add((at, 0.45, from, 0.8));
    }

    /// <summary>Styles whose bass players approach from a half step outside the key; the others walk in on the scale.</summary>
    private bool Chromatic => a.Style.Genre.Drums is "jazz" or "funk" or "shuffle";

    /// <summary>The nearest note of the key's scale below (<paramref name="direction"/> −1) or above (+1) <paramref name="pitch"/>.</summary>
    private int ScaleStep(int pitch, int direction)
    {
        var scale = Harmony.Scale(a.Minor);
        for (int p = pitch + direction; ; p += direction)
            if (scale.Contains(((p - a.KeyRoot) % 12 + 12) % 12)) return p;
    }

    /// <summary>The pitch class placed in the bass register (E1 … D#2 → MIDI 40 … 51).</summary>
    internal static int Low(int pitchClass) => 40 + (((pitchClass % 12) + 12) % 12 + 12 - 4) % 12;
}
