namespace OpenProducer.Engine.Analysis;

/// <summary>
/// Each bar described for the form. <see cref="Change"/> is what moves at a section boundary: its spectral bands
/// (timbre, brightness), its level and how much of its vocal band sits in the centre of the stereo image (a lead
/// voice), each scaled across the song. <see cref="Harmony"/> (chroma and bass chroma) tells repeated sections apart.
/// </summary>
internal sealed record BarFeatures(List<double[]> Change, List<double[]> Harmony, List<double> Level, List<double> VoiceShare)
{
    private const double TimbreWeight = 0.4;

    public static BarFeatures Of(Spectrogram spec, IReadOnlyList<double> edges, IReadOnlyList<TimeSpanSeconds> voice)
    {
        int bars = edges.Count - 1;
        var harmony = new List<double[]>();
        var bands = new List<double[]>();
        var level = new List<double>();
        var share = new List<double>();
        var centre = new List<double[]>();
        for (int b = 0; b < bars; b++)
        {
            double from = edges[b], to = edges[b + 1];
            harmony.Add([.. Metre.Unit(Spectrogram.Mean(spec.Chroma, from, to)), .. Metre.Unit(Spectrogram.Mean(spec.BassChroma, from, to)).Select(x => 0.5 * x)]);
            bands.Add(Spectrogram.Mean(spec.Bands, from, to));
            level.Add(spec.MeanLevel(from, to));
            centre.Add([MeanOf(spec.CentreShare, from, to)]);
            double sung = voice.Sum(s => Math.Max(0, Math.Min(to, s.End) - Math.Max(from, s.Start)));
            share.Add(sung / Math.Max(1e-6, to - from));
        }
        var timbre = Standardise(bands);
        var loudness = Standardise([.. level.Select(l => new[] { l })]);
        var voiced = Standardise(centre);
        var change = Enumerable.Range(0, bars).Select(b => (double[])[.. timbre[b].Select(x => TimbreWeight * x), loudness[b][0], voiced[b][0]]).ToList();
        return new BarFeatures(change, harmony, level, share);
    }

    private static double MeanOf(double[] values, double from, double to)
    {
        int a = Math.Clamp(Spectrogram.FrameAt(from), 0, values.Length - 1), b = Math.Clamp(Spectrogram.FrameAt(to), a + 1, values.Length);
        double sum = 0;
        for (int f = a; f < b; f++) sum += values[f];
        return sum / (b - a);
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
