namespace OpenProducer.Engine.Voice;

/// <summary>One sung syllable of a line: when it starts (seconds from the line's first note), how long it is held, at what pitch.</summary>
public sealed record SungNote(double Start, double Seconds, double Hz, string Syllable)
{
    public double End => Start + Seconds;
}

/// <summary>
/// The pitch a singer follows through a line: each note's pitch, reached from the previous note by a short
/// portamento glide when the two are joined, and, in notes held long enough, a vibrato that starts late and
/// fades in, as trained singers do.
/// </summary>
public sealed class PitchContour(IReadOnlyList<SungNote> notes, double vibratoCents)
{
    public const double VibratoHz = 5.5;
    public const double VibratoDelay = 0.22;
    public const double VibratoFadeIn = 0.2;
    public const double GlideSeconds = 0.07;

    private readonly double[] starts = notes.Select(n => n.Start).ToArray();

    /// <summary>The plain note pitch at a time: what the synthesiser was asked to sing.</summary>
    public double NoteHzAt(double t) => notes.Count == 0 ? 200 : notes[IndexAt(t)].Hz;

    public double HzAt(double t)
    {
        if (notes.Count == 0) return 200;
        int i = IndexAt(t);
        var note = notes[i];
        double age = t - note.Start;
        double cents = 0;
        if (i > 0 && age >= 0 && note.Start - notes[i - 1].End < 0.03)
        {
            double glide = Math.Min(GlideSeconds, note.Seconds * 0.3);
            if (age < glide)
            {
                double u = age / glide, smooth = u * u * (3 - 2 * u);
                cents = (1 - smooth) * 1200 * Math.Log2(notes[i - 1].Hz / note.Hz);
            }
        }
        double vib = age - VibratoDelay;
        if (vib > 0 && note.Seconds > VibratoDelay + 0.15)
            cents += vibratoCents * Math.Min(1, vib / VibratoFadeIn) * Math.Sin(2 * Math.PI * VibratoHz * vib);
        return note.Hz * Math.Pow(2, cents / 1200);
    }

    private int IndexAt(double t)
    {
        int k = Array.BinarySearch(starts, t);
        if (k < 0) k = ~k - 1;
        return Math.Clamp(k, 0, notes.Count - 1);
    }
}
