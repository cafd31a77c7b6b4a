namespace OpenProducer.Engine.Composition;

/// <summary>Writes the chord instrument's comping and the pad's held chords, voice-led bar to bar.</summary>
internal static class ChordWriter
{
    // (beat offset, length) hits within one 4/4 bar.
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

    public static void WriteComp(Arrangement a, Track track)
    {
        var rng = a.Rng.Fork("chords");
        string style = a.Style.Genre.Drums switch
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
        bool arpeggio = a.Style.Genre.Drums is "ballad" or "soft" || a.Style.Genre.Sparse;
        int[]? previous = null;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            var section = a.SectionAtBar(bar).Section;
            var voicing = Harmony.Voice(a.BarChords[bar], previous, 52, 76);
            previous = voicing;
            double t = bar * a.BeatsPerBar;
            if (a.BeatsPerBar == 3)
            {
                foreach (var beat in new[] { 1.0, 2.0 })
                    foreach (var p in voicing) track.Notes.Add(new Note(t + beat, 0.8, p, a.Velocity(rng, section.Energy, 70)));
                continue;
            }
            if (arpeggio)
            {
                // Broken chord in eighths: root, fifth, octave, third… the ballad piano figure.
                int[] order = [0, voicing.Length - 1, 1, voicing.Length - 1, 0, voicing.Length - 1, 1, voicing.Length - 1];
                for (int i = 0; i < 8; i++)
                    track.Notes.Add(new Note(t + i * 0.5, 0.9, voicing[order[i]] + (i == 2 ? 12 : 0), a.Velocity(rng, section.Energy, 80, Arrangement.Accent(i * 0.5))));
                continue;
            }
            string use = section.Kind == SectionKind.Intro && a.Preset.Density < 0.8 ? "whole" : style;
            foreach (var (at, len) in Comps[use])
                foreach (var p in voicing)
                    track.Notes.Add(new Note(t + a.Swung(at), len, p, a.Velocity(rng, section.Energy, 78, Arrangement.Accent(at))));
        }
        var final = Harmony.Voice(Harmony.Diatonic(a.KeyRoot, a.Minor, 0, false), previous, 52, 76);
        foreach (var p in final) track.Notes.Add(new Note(a.TotalBars * a.BeatsPerBar, 3, p, 75));
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

    public static void WritePad(Arrangement a, Track track)
    {
        var rng = a.Rng.Fork("pad");
        int[]? previous = null;
        for (int bar = 0; bar < a.TotalBars; bar++)
        {
            var section = a.SectionAtBar(bar).Section;
            var voicing = Harmony.Voice(a.BarChords[bar], previous, 55, 79);
            previous = voicing;
            // The pad swells in for the bigger sections and stays out of the verses unless the style is ambient.
            bool play = section.Kind is SectionKind.Chorus or SectionKind.Bridge or SectionKind.Outro or SectionKind.Instrumental
                || a.Style.Genre.Sparse;
            if (!play) continue;
            foreach (var p in voicing)
                track.Notes.Add(new Note(bar * a.BeatsPerBar, a.BeatsPerBar, p, a.Velocity(rng, section.Energy, 58)));
        }
    }
}
