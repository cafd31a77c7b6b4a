namespace OpenProducer.Engine.Composition;

/// <summary>Writes the bass line: a genre figure on each bar's chord root, walking in jazz.</summary>
internal static class BassWriter
{
    public static void Write(Arrangement a, Track track)
    {
        var rng = a.Rng.Fork("bass");
        string figure = a.Style.Genre.Drums switch
        {
            "rock" or "metal" => "eighths",
            "jazz" => "walk",
            "shuffle" or "bossa" or "country" => "fifths",
            "four" or "disco" => "offbeat",
            "trap" => "808",
            "waltz" => "waltz",
            "soft" or "ballad" => "whole",
            "none" or "pulse" or "orchestral" => "halves",
            _ => "pop",
        };
        if (a.BeatsPerBar == 3) figure = "waltz";
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            var section = a.SectionAtBar(bar).Section;
            var chord = a.BarChords[bar];
            var next = a.BarChords[Math.Min(bar + 1, a.TotalBars - 1)];
            int root = Low(chord.Root);
            int fifth = root + 7 > 52 ? root - 5 : root + 7;
            double t = bar * a.BeatsPerBar;
            int v = a.Velocity(rng, section.Energy, 95);
            if (section.Kind == SectionKind.Intro && bar < section.Bars - 1 && figure != "whole") { track.Notes.Add(new Note(t, a.BeatsPerBar, root, v - 10)); continue; }
            switch (figure)
            {
                case "eighths":
                    for (int i = 0; i < a.BeatsPerBar * 2; i++) track.Notes.Add(new Note(t + i * 0.5, i % 2 == 0 ? 0.45 : 0.3, root, (int)(v * Arrangement.Accent(i * 0.5))));
                    break;
                case "walk":
                    int target = Low(next.Root);
                    int[] steps = [root, Low(chord.PitchClasses[1]), Low(chord.PitchClasses[2]), target + (rng.Chance(0.5) ? 1 : -1)];
                    for (int i = 0; i < 4; i++) track.Notes.Add(new Note(t + i, 0.9, steps[i], v - 5));
                    break;
                case "fifths":
                    // Boom-chick: a long root on the downbeat, a lighter, shorter fifth on three.
                    track.Notes.Add(new Note(t, 1.8, root, v));
                    track.Notes.Add(new Note(t + 2, 0.9, fifth, v - 18));
                    break;
                case "offbeat":
                    for (int i = 0; i < 4; i++) track.Notes.Add(new Note(t + i + 0.5, 0.4, root, v));
                    track.Notes.Add(new Note(t, 0.4, root, v));
                    break;
                case "808":
                    // Long sub notes on the kick's hits (1, the "a" of 2, the "and" of 3), the first one leaning on the beat.
                    track.Notes.Add(new Note(t, 1.7, root, v));
                    track.Notes.Add(new Note(t + 1.75, 0.7, root, (int)(v * 0.8)));
                    track.Notes.Add(new Note(t + 2.5, 1.4, rng.Chance(0.3) ? root + 12 : root, (int)(v * 0.85)));
                    break;
                case "halves":
                    // Root on one, fifth on three: the slow pulse an orchestra's low strings or a drone gives.
                    track.Notes.Add(new Note(t, a.BeatsPerBar / 2.0 - 0.1, root, v - 5));
                    track.Notes.Add(new Note(t + a.BeatsPerBar / 2.0, a.BeatsPerBar / 2.0 - 0.1, fifth, v - 15));
                    break;
                case "waltz":
                    track.Notes.Add(new Note(t, 0.95, root, v));
                    break;
                case "whole":
                    track.Notes.Add(new Note(t, a.BeatsPerBar * 0.95, root, v - 10));
                    break;
                default:
                    track.Notes.Add(new Note(t, 1.4, root, v));
                    track.Notes.Add(new Note(a.Swung(t + 1.5), 0.45, root, v - 10));
                    track.Notes.Add(new Note(t + 2, 1.4, rng.Chance(0.3) ? root + 12 : root, v - 5));
                    track.Notes.Add(new Note(a.Swung(t + 3.5), 0.45, fifth, v - 12));
                    break;
            }
        }
        track.Notes.Add(new Note(a.TotalBars * a.BeatsPerBar, 2, Low(a.KeyRoot), 90));
    }

    /// <summary>The pitch class placed in the bass register (E1 … D#2 → MIDI 40 … 51).</summary>
    private static int Low(int pitchClass) => 40 + ((pitchClass % 12) + 12 - 4) % 12;
}
