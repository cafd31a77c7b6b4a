namespace OpenProducer.Engine.Analysis;

/// <summary>
/// Each bar described for the form: its chroma and bass chroma (harmony), its spectral bands (timbre), its level,
/// how much of it is sung and how high; the timbre, level and register scaled across the song.
/// </summary>
internal static class BarFeatures
{
    public static List<double[]> Of(Spectrogram spec, IReadOnlyList<double> edges, IReadOnlyList<TimeSpanSeconds> voice,
        IReadOnlyList<HeardNote> melody, out List<double> voiceShare, out List<double> level)
    {
        int bars = edges.Count - 1;
        var chroma = new List<double[]>();
        var bands = new List<double[]>();
        level = [];
        voiceShare = [];
        var register = new List<double>();
        for (int b = 0; b < bars; b++)
        {
            double from = edges[b], to = edges[b + 1];
            chroma.Add([.. Metre.Unit(Spectrogram.Mean(spec.Chroma, from, to)), .. Metre.Unit(Spectrogram.Mean(spec.BassChroma, from, to)).Select(x => 0.5 * x)]);
            bands.Add(Spectrogram.Mean(spec.Bands, from, to));
            level.Add(spec.MeanLevel(from, to));
            double sung = voice.Sum(s => Math.Max(0, Math.Min(to, s.End) - Math.Max(from, s.Start)));
            voiceShare.Add(sung / Math.Max(1e-6, to - from));
            var notes = melody.Where(n => n.Start < to && n.End > from).Select(n => (double)n.Pitch).ToList();
            register.Add(notes.Count == 0 ? double.NaN : BeatTracker.Median(notes));
        }
        var timbre = Standardise(bands);
        var loudness = Standardise([.. level.Select(l => new[] { l })]);
        double pitchMean = register.Where(r => !double.IsNaN(r)).DefaultIfEmpty(60).Average();
        var result = new List<double[]>();
        for (int b = 0; b < bars; b++)
        {
            double high = double.IsNaN(register[b]) ? 0 : (register[b] - pitchMean) / 6;
            result.Add([.. chroma[b], .. timbre[b].Select(x => 0.4 * x), loudness[b][0], 1.5 * voiceShare[b], high]);
        }
        return result;
    }

    /// <summary>Each column to zero mean and unit spread across the bars.</summary>
    private static List<double[]> Standardise(List<double[]> rows)
    {
        if (rows.Count == 0) return rows;
        int k = rows[0].Length;
        var result = rows.Select(r => (double[])r.Clone()).ToList();
        for (int c = 0; c < k; c++)
        {
            double mean = rows.Average(r => r[c]);
            double sd = Math.Sqrt(rows.Average(r => (r[c] - mean) * (r[c] - mean))) + 1e-9;
            foreach (var r in result) r[c] = (r[c] - mean) / sd;
        }
        return result;
    }
}
