namespace OpenProducer.Engine.Analysis;

/// <summary>
/// From the pitch track to the lead melody (the voice where one sings, else the leading instrument): which frames
/// carry it, octave slips mended, notes cut where the pitch moves; and where a voice sings, from how much of the
/// vocal band sits in the centre of the stereo image.
/// </summary>
internal static class Melody
{
    /// <summary>Frames whose salience is at least this share of the song's strong frames carry the melody.</summary>
    public const double VoicedShare = 0.35;

    /// <summary>A voice sings where, over half a second, at least this share of the 300–3000 Hz energy is centred.</summary>
    public const double SungCentreShare = 0.4;

    public static (List<HeardNote> Notes, List<TimeSpanSeconds> Voice) Transcribe(PitchTracker.Frame[] track, Spectrogram spec)
    {
        var strong = track.Select(t => t.Salience).Order().ToArray();
        double threshold = VoicedShare * strong[(int)(strong.Length * 0.9)];
        var voiced = track.Select(t => !double.IsNaN(t.Midi) && t.Salience > threshold).ToArray();
        var sung = new bool[track.Length];
        for (int f = 0; f < track.Length; f++)
        {
            double centre = 0;
            int a = Math.Max(0, f - 10), b = Math.Min(track.Length, f + 11);
            for (int g = a; g < b; g++) centre += spec.CentreShare[g];
            sung[f] = voiced[f] && centre / (b - a) >= SungCentreShare;
        }
        // The contour an octave slip is judged against: the sung frames, when a voice sings.
        var midi = MendOctaves(track.Select(t => t.Midi).ToArray(), voiced, sung.Count(x => x) > 100 ? sung : voiced);
        var notes = Notes(midi, voiced);
        return (notes, Spans(sung));
    }

    /// <summary>A frame more than seven semitones from the running median of the reference frames moves by octaves towards it.</summary>
    private static double[] MendOctaves(double[] midi, bool[] voiced, bool[] reference)
    {
        const int Half = 43;    // about a second each side
        var result = (double[])midi.Clone();
        for (int f = 0; f < midi.Length; f++)
        {
            if (!voiced[f]) continue;
            var around = new List<double>();
            for (int g = Math.Max(0, f - Half); g < Math.Min(midi.Length, f + Half); g++) if (reference[g]) around.Add(midi[g]);
            if (around.Count == 0) continue;
            double centre = BeatTracker.Median(around);
            while (result[f] - centre > 7) result[f] -= 12;
            while (centre - result[f] > 7) result[f] += 12;
        }
        return result;
    }

    /// <summary>Voiced runs cut into notes wherever the rounded pitch (median of five frames) changes; notes under 70 ms are dropped.</summary>
    private static List<HeardNote> Notes(double[] midi, bool[] voiced)
    {
        var notes = new List<HeardNote>();
        int start = -1, pitch = 0;
        void Close(int end)
        {
            if (start >= 0 && Spectrogram.TimeOf(end) - Spectrogram.TimeOf(start) >= 0.07)
                notes.Add(new HeardNote(Spectrogram.TimeOf(start) - 0.5 * Spectrogram.Hop / Spectrogram.Rate,
                    Spectrogram.TimeOf(end) - 0.5 * Spectrogram.Hop / Spectrogram.Rate, pitch));
            start = -1;
        }
        for (int f = 0; f < midi.Length; f++)
        {
            if (!voiced[f]) { Close(f); continue; }
            var window = new List<double>();
            for (int g = Math.Max(0, f - 2); g <= Math.Min(midi.Length - 1, f + 2); g++) if (voiced[g]) window.Add(midi[g]);
            int p = (int)Math.Round(BeatTracker.Median(window));
            if (start >= 0 && p == pitch) continue;
            Close(f);
            start = f;
            pitch = p;
        }
        Close(midi.Length);
        return notes;
    }

    /// <summary>Voiced runs joined over gaps under half a second, kept when at least a second long.</summary>
    private static List<TimeSpanSeconds> Spans(bool[] voiced)
    {
        var spans = new List<TimeSpanSeconds>();
        double? start = null, last = null;
        for (int f = 0; f < voiced.Length; f++)
        {
            if (!voiced[f]) continue;
            double t = Spectrogram.TimeOf(f);
            if (last is double l && t - l > 0.5)
            {
                if (l - start!.Value >= 1) spans.Add(new TimeSpanSeconds(start.Value, l));
                start = null;
            }
            start ??= t;
            last = t;
        }
        if (start is double s && last - s >= 1) spans.Add(new TimeSpanSeconds(s, last!.Value));
        return spans;
    }
}
