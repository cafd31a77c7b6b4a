namespace OpenProducer.Engine.Analysis;

/// <summary>The beat grid: beat times, the tempo they make, beats per bar and the downbeats.</summary>
internal sealed record BeatGrid(double Tempo, int BeatsPerBar, IReadOnlyList<double> Beats, IReadOnlyList<double> Downbeats)
{
    /// <summary>The downbeats with the end of the last bar appended: bar b spans [Bars[b], Bars[b+1]).</summary>
    public IReadOnlyList<double> BarEdges(double duration)
    {
        var edges = Downbeats.ToList();
        if (edges.Count == 0) return [0, duration];
        double bar = 60.0 / Tempo * BeatsPerBar;
        edges.Add(Math.Min(duration, edges[^1] + bar));
        return edges;
    }
}

/// <summary>Finds the beats with aubio's tracker, tidies them into a steady grid, and chooses the metre and the downbeats.</summary>
internal static class BeatTracker
{
    private const int Window = 512, Step = 256;

    /// <summary>Above this many beats a minute, counting half as fast wins as soon as its bars are as clear.</summary>
    private const double FastBeats = 140;

    public static BeatGrid Track(Spectrogram spec, CancellationToken ct)
    {
        var raw = AubioBeats(spec.Mono, ct);
        double start = MusicStart(spec), end = MusicEnd(spec);
        var beats = Regularise(raw, start, end);
        if (beats.Count < 8) return new BeatGrid(120, 4, beats, beats.Count > 0 ? [beats[0]] : []);
        double period = Slope(beats);
        var envelope = SteadyGrid.OnsetEnvelope(spec.Mono);
        if (SteadyGrid.Fit(envelope, raw, period, start, end) is { Count: >= 8 } steady) beats = steady;
        period = Slope(beats);
        var (meter, phase, contrast) = Metre.Choose(BeatFeatures(spec, beats, period));
        // A tracker may count a slow song in double time: every other beat makes the better bars when its
        // downbeats stand out more clearly (clearly enough, unless the count is fast).
        if (60 / (2 * period) >= 55)
        {
            double needed = (60 / period > FastBeats ? 1 : 1.25) * contrast;
            var full = beats;
            for (int half = 0; half < 2; half++)
            {
                var slower = full.Where((_, i) => i % 2 == half).ToList();
                var (m, p, c) = Metre.Choose(BeatFeatures(spec, slower, 2 * Slope(full)));
                if (c > needed && c > (beats == full ? 0 : contrast)) (beats, meter, phase, contrast) = (slower, m, p, c);
            }
            period = Slope(beats);
        }
        var downbeats = new List<double>();
        for (int i = phase; i < beats.Count; i += meter) downbeats.Add(beats[i]);
        return new BeatGrid(60 / period, meter, beats, downbeats);
    }

    private static List<double> AubioBeats(float[] mono, CancellationToken ct)
    {
        using var tempo = AubioTempoHandle.Create("default", Window, Step, Spectrogram.Rate);
        if (tempo.IsInvalid) throw new InvalidOperationException("aubio could not create its beat tracker");
        using var input = new FvecHandle(Step);
        using var output = new FvecHandle(1);
        var beats = new List<double>();
        for (int at = 0; at + Step <= mono.Length; at += Step)
        {
            if ((at / Step & 1023) == 0) ct.ThrowIfCancellationRequested();
            mono.AsSpan(at, Step).CopyTo(input.Samples);
            AubioNative.TempoDo(tempo, input.DangerousGetHandle(), output.DangerousGetHandle());
            if (output.Samples[0] != 0) beats.Add(AubioNative.TempoLastSeconds(tempo));
        }
        return beats;
    }

    /// <summary>The first time the recording is within 30 dB of its loud frames.</summary>
    private static double MusicStart(Spectrogram spec)
    {
        double loud = Loud(spec);
        for (int f = 0; f < spec.Frames; f++) if (spec.LevelDb[f] > loud - 30) return Spectrogram.TimeOf(f);
        return 0;
    }

    private static double MusicEnd(Spectrogram spec)
    {
        double loud = Loud(spec);
        for (int f = spec.Frames - 1; f >= 0; f--) if (spec.LevelDb[f] > loud - 30) return Spectrogram.TimeOf(f);
        return Spectrogram.TimeOf(spec.Frames - 1);
    }

    private static double Loud(Spectrogram spec)
    {
        var sorted = spec.LevelDb.Order().ToArray();
        return sorted[(int)(sorted.Length * 0.9)];
    }

    /// <summary>
    /// The tracker's beats with its lock-in wobble removed: a steady period (the median interval) fills gaps and
    /// drops doubled beats, and the grid is extended to where the music starts and ends.
    /// </summary>
    private static List<double> Regularise(List<double> raw, double start, double end)
    {
        if (raw.Count < 4) return raw;
        double period = Median(raw.Zip(raw.Skip(1), (a, b) => b - a));
        var beats = new List<double> { raw[0] };
        foreach (double t in raw.Skip(1))
        {
            double gap = t - beats[^1];
            if (gap < 0.6 * period) continue;
            int missing = (int)Math.Round(gap / period) - 1;
            for (int k = 1; k <= missing; k++) beats.Add(beats[^1] + gap / (missing + 1));
            beats.Add(t);
        }
        while (beats[0] - period > start - 0.35 * period) beats.Insert(0, beats[0] - period);
        while (beats[^1] + period < end) beats.Add(beats[^1] + period);
        return beats;
    }

    /// <summary>
    /// What each beat sounds like: onset strength in four sub-beat slots for three bands (the drum pattern), its
    /// chroma and bass chroma, and its loudness.
    /// </summary>
    private static double[][] BeatFeatures(Spectrogram spec, List<double> beats, double period)
    {
        var features = new double[beats.Count][];
        for (int i = 0; i < beats.Count; i++)
        {
            var v = new List<double>();
            for (int slot = 0; slot < 4; slot++)
            {
                double t = beats[i] + slot * period / 4;
                int f = Spectrogram.FrameAt(t);
                for (int band = 0; band < 3; band++)
                {
                    double peak = 0;
                    for (int g = f - 1; g <= f + 1; g++)
                        if (g > 0 && g < spec.Frames) peak = Math.Max(peak, spec.Flux[g][band]);
                    v.Add(peak);
                }
            }
            features[i] =
            [
                .. v,
                .. Spectrogram.Mean(spec.Chroma, beats[i], beats[i] + period),
                .. Spectrogram.Mean(spec.BassChroma, beats[i], beats[i] + period),
            ];
        }
        return features;
    }

    /// <summary>The least-squares beat period: the slope of beat time against beat number.</summary>
    private static double Slope(List<double> beats)
    {
        double n = beats.Count, meanI = (n - 1) / 2, meanT = beats.Average();
        double num = 0, den = 0;
        for (int i = 0; i < beats.Count; i++) { num += (i - meanI) * (beats[i] - meanT); den += (i - meanI) * (i - meanI); }
        return num / den;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0.5 : sorted[sorted.Length / 2];
    }
}
