using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Composition;

/// <summary>
/// A rhythm guitarist: chords in guitar shapes (five or six strings, the root on the lowest), strummed — a down
/// stroke sweeps the strings low to high, an up stroke catches the top strings high to low, lighter — over 5 to 40
/// ms depending on the stroke and the tempo; muted strokes ("chucks") where the style scratches; power chords in
/// eighths for rock, palm-muted in the verses and with the third on top when the song opens up; skanks for reggae; finger-picked patterns in light passages.
/// </summary>
internal sealed class GuitarPlayer(Arrangement a, Orchestration plan, Feel feel)
{
    private readonly Rng _rng = a.Rng.Fork("guitar");
    private readonly double _msToBeats = a.Tempo / 60000.0;

    private enum Stroke { Down, Up, Mute }

    /// <summary>Strum patterns over one 4/4 bar: (beat, stroke, length in beats).</summary>
    private static readonly Dictionary<string, (double At, Stroke S, double Len)[]> Patterns = new()
    {
        // The campfire pattern: down, down-up, up-down-up.
        ["strum"] = [(0, Stroke.Down, 0.9), (1, Stroke.Down, 0.45), (1.5, Stroke.Up, 0.9), (2.5, Stroke.Up, 0.45), (3, Stroke.Down, 0.45), (3.5, Stroke.Up, 0.45)],
        ["strum-light"] = [(0, Stroke.Down, 1.9), (2, Stroke.Down, 0.9), (3, Stroke.Down, 0.45), (3.5, Stroke.Up, 0.45)],
        ["funk"] = [(0, Stroke.Down, 0.2), (0.25, Stroke.Mute, 0.05), (0.5, Stroke.Up, 0.1), (0.75, Stroke.Mute, 0.05), (1, Stroke.Mute, 0.05), (1.5, Stroke.Down, 0.2),
            (2.25, Stroke.Up, 0.1), (2.5, Stroke.Mute, 0.05), (3, Stroke.Down, 0.2), (3.5, Stroke.Up, 0.1), (3.75, Stroke.Mute, 0.05)],
        ["skank"] = [(1, Stroke.Up, 0.25), (3, Stroke.Up, 0.25)],
        ["offbeat"] = [(0.5, Stroke.Up, 0.3), (1.5, Stroke.Up, 0.3), (2.5, Stroke.Up, 0.3), (3.5, Stroke.Up, 0.3)],
        // Disco's scratch: muted sixteenths, the chord on each "and".
        ["scratch"] = [.. Enumerable.Range(0, 4).SelectMany(b => new (double, Stroke, double)[]
            { (b, Stroke.Mute, 0.05), (b + 0.25, Stroke.Mute, 0.05), (b + 0.5, Stroke.Up, 0.2), (b + 0.75, Stroke.Mute, 0.05) })],
        ["bossa"] = [(0, Stroke.Down, 0.9), (1.5, Stroke.Up, 0.9), (3, Stroke.Down, 0.45), (3.5, Stroke.Up, 0.9)],
        ["charleston"] = [(0, Stroke.Down, 1.2), (1.5, Stroke.Up, 0.4)],
    };

    public void Write(Track track, string comp)
    {
        bool distorted = track.Program is 29 or 30;
        int[]? previous = null;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            int level = plan.Level(BandPart.Chords, bar);
            if (level == 0) continue;
            double t = bar * a.BeatsPerBar;
            var shape = Shape(a.BarChords[bar], previous, distorted);
            // When the song opens up, a rock guitarist lets the chord's third ring on top of the power chord, so a
            // minor song's guitars say minor (metal keeps the bare fifths: high gain turns thirds to mud).
            if (distorted && level >= 3 && a.Style.Genre.Drums != "metal") shape = [.. shape, shape[0] + 12 + Third(a.BarChords[bar])];
            previous = shape;
            if (a.BeatsPerBar == 3)
            {
                // Waltz: the bass string on one, strums on two and three.
                Pluck(track, t, [shape[0]], 0.9, 1.0, level);
                foreach (double beat in new[] { 1.0, 2.0 }) Strum(track, t, beat, shape[1..], Stroke.Down, 0.8, 0.8, level);
                continue;
            }
            if (distorted)
            {
                // Power chords in eighths: palm-muted and short in the light passages, ringing when the song opens up.
                bool mute = level <= 2;
                for (int i = 0; i < 8; i++)
                    Strum(track, t, i * 0.5, shape, Stroke.Down, mute ? 0.22 : 0.45, mute ? 0.8 : 1.0, level, spreadMs: 6);
                continue;
            }
            if (level == 1 && comp is "strum" or "whole" or "block")
            {
                Pick(track, t, shape, level);
                continue;
            }
            string use = comp switch
            {
                "strum" or "block" or "eighths" or "whole" => level >= 3 ? "strum" : "strum-light",
                "offbeat" when a.Style.Genre.Name == "disco" && level >= 2 && a.BeatsPerBar == 4 => "scratch",
                _ when Patterns.ContainsKey(comp) => comp,
                _ => "strum",
            };
            foreach (var (at, stroke, len) in Patterns[use])
                Strum(track, t, at, stroke == Stroke.Up ? shape[^Math.Min(4, shape.Length)..] : shape, stroke, len, stroke == Stroke.Up ? 0.82 : 1.0, level);
        }
        // The last chord: the tonic, let ring.
        Strum(track, a.TotalBars * a.BeatsPerBar, 0, Shape(Harmony.Diatonic(a.KeyRoot, a.Minor, 0, false), previous, distorted), Stroke.Down, 3, 0.9, 2);
    }

    /// <summary>
    /// One stroke across <paramref name="strings"/> (low to high): a down stroke reaches each string a little after
    /// the one below it, an up stroke the other way; the sweep takes longer when the stroke is lazy and the tempo slow.
    /// A muted stroke is a dead, percussive scratch.
    /// </summary>
    private void Strum(Track track, double barStart, double at, int[] strings, Stroke stroke, double length, double weight, int level, double? spreadMs = null)
    {
        double sweep = spreadMs ?? (stroke == Stroke.Up ? 10 : 18) * (1.4 - 0.4 * level / 3.0) + _rng.NextDouble() * 6;
        double perString = sweep / Math.Max(1, strings.Length - 1) * _msToBeats;
        double start = barStart + a.Swung(at) + feel.Offset(_rng, TrackRole.Chords, at);
        int velocity = feel.Velocity(_rng, barStart + at, stroke == Stroke.Mute ? 48 : 82, weight * Arrangement.Accent(at));
        var order = stroke == Stroke.Up ? strings.Reverse().ToArray() : strings;
        for (int i = 0; i < order.Length; i++)
        {
            // Strings later in the sweep are struck a little softer.
            int v = Math.Max(1, velocity - i * 2);
            track.Notes.Add(new Note(Math.Max(0, start + i * perString), stroke == Stroke.Mute ? 0.05 : length, order[i], v));
        }
    }

    private void Pluck(Track track, double barStart, int[] notes, double length, double weight, int level) =>
        Strum(track, barStart, 0, notes, Stroke.Down, length, weight, level, spreadMs: 0);

    /// <summary>Finger-picking: the bass string on one and three, the upper strings in eighths between.</summary>
    private void Pick(Track track, double barStart, int[] shape, int level)
    {
        int[] order = [0, 3, 2, 4, 1, 3, 2, 4];
        for (int i = 0; i < 8; i++)
        {
            int note = shape[Math.Min(order[i], shape.Length - 1)];
            if (i == 4) note = shape[Math.Min(1, shape.Length - 1)];
            double at = i * 0.5;
            double start = barStart + a.Swung(at) + feel.Offset(_rng, TrackRole.Chords, at);
            track.Notes.Add(new Note(Math.Max(0, start), 1.2, note, feel.Velocity(_rng, barStart + at, 72, (i % 4 == 0 ? 1.0 : 0.8) * Arrangement.Accent(at))));
        }
    }

    /// <summary>The chord's third above its root, in semitones (a suspended chord's fourth or second).</summary>
    private static int Third(Chord chord) => ((chord.PitchClasses[1] - chord.Root) % 12 + 12) % 12;

    /// <summary>
    /// A guitar shape for the chord: the root on the lowest string (E2–D#3), then the chord's tones stacked upward
    /// as an open-position guitarist stacks them (five or six notes, no two more than a fifth apart, below E5),
    /// voice-led from the previous shape. A distorted guitar plays the power chord: root, fifth, octave.
    /// </summary>
    internal static int[] Shape(Chord chord, int[]? previous, bool power)
    {
        int root = 40 + ((chord.Root % 12) + 12 - 4) % 12;
        if (power) return [root, root + 7, root + 12];
        var notes = new List<int> { root };
        var pcs = chord.PitchClasses.Select(p => ((p % 12) + 12) % 12).ToArray();
        int cursor = root;
        int index = 1;
        while (notes.Count < 6)
        {
            int pc = pcs[index % pcs.Length];
            int next = cursor + 1;
            while (((next % 12) + 12) % 12 != pc) next++;
            if (next - cursor > 7 || next > 76) { index++; if (index > 40) break; continue; }
            notes.Add(next);
            cursor = next;
            index++;
        }
        var shape = notes.ToArray();
        // Voice leading: a shape an octave off the previous one's centre comes down to it (keeping the root lowest).
        if (previous is not null && shape.Average() - previous.Average() > 7 && shape[0] - 12 >= 40)
            shape = shape.Select(n => n - 12).ToArray();
        return shape;
    }
}
