namespace OpenProducer.Engine.Composition;

/// <summary>Writes the drum part: the genre's groove, lighter in intros and outros, fills and crashes at section edges.</summary>
internal static class DrumWriter
{
    public static void Write(Arrangement a, Track track)
    {
        var rng = a.Rng.Fork("drums");
        var pattern = DrumPatterns.For(a.Style.Genre.Drums, a.BeatsPerBar);
        double stepBeats = a.BeatsPerBar / (double)pattern.Steps;
        // A soft pulse has no crashes or fills: it keeps time under music that has no drummer.
        bool gentle = a.Style.Genre.Sparse;
        foreach (var p in a.Plan)
        {
            var s = p.Section;
            for (int b = 0; b < s.Bars; b++)
            {
                int bar = s.StartBar + b;
                double barStart = bar * a.BeatsPerBar;
                bool last = b == s.Bars - 1 && bar < a.TotalBars - 1;
                bool sparse = s.Kind is SectionKind.Intro or SectionKind.Outro && b < s.Bars - 1;
                if (b == 0 && s.Kind != SectionKind.Intro && !gentle)
                    track.Notes.Add(new Note(barStart, 1, DrumPatterns.Crash, a.Velocity(rng, s.Energy, 100)));
                foreach (var (key, hits) in pattern.Lines)
                {
                    // Intros and outros keep the time (kick and hats) and leave out the backbeat.
                    if (sparse && key is DrumPatterns.Snare or DrumPatterns.Clap or DrumPatterns.SideStick) continue;
                    for (int step = 0; step < pattern.Steps; step++)
                    {
                        char c = hits[step];
                        if (c == '.') continue;
                        double beat = step * stepBeats;
                        if (last && beat >= a.BeatsPerBar - 1) continue; // the fill takes the last beat
                        if (c == 'x' && key is DrumPatterns.ClosedHat or DrumPatterns.Shaker && a.Preset.Density < 0.7 && step % 4 != 0) continue;
                        int baseVel = c == 'o' ? 45 : key is DrumPatterns.ClosedHat or DrumPatterns.Shaker or DrumPatterns.PedalHat ? 70 : 100;
                        track.Notes.Add(new Note(barStart + a.Swung(beat), 0.25, key, a.Velocity(rng, s.Energy, baseVel, Arrangement.Accent(beat))));
                    }
                }
                if (last && !gentle) WriteFill(a, rng, track, barStart + a.BeatsPerBar - 1, s.Energy);
            }
        }
        // A final crash lets the song end on a downbeat.
        if (!gentle) track.Notes.Add(new Note(a.TotalBars * a.BeatsPerBar, 2, DrumPatterns.Crash, 90));
        track.Notes.Add(new Note(a.TotalBars * a.BeatsPerBar, 1, gentle ? pattern.Lines[0].Key : DrumPatterns.Kick, gentle ? 70 : 100));
    }

    private static void WriteFill(Arrangement a, Rng rng, Track track, double start, double energy)
    {
        int[] toms = [DrumPatterns.HighTom, DrumPatterns.MidTom, DrumPatterns.LowTom, DrumPatterns.Snare];
        bool busy = rng.Chance(0.3 + 0.5 * a.Preset.Density);
        int hits = busy ? 4 : 2;
        for (int i = 0; i < hits; i++)
        {
            int key = busy ? toms[i % toms.Length] : DrumPatterns.Snare;
            track.Notes.Add(new Note(start + i / (double)hits, 0.25, key, a.Velocity(rng, energy, 85 + i * 5)));
        }
        track.Notes.Add(new Note(start, 0.25, DrumPatterns.Kick, a.Velocity(rng, energy, 95)));
    }
}
