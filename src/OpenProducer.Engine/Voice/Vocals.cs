using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// The song's voice: sung, then levelled to ride above the band where it sings. One function for the song and
/// for its stems, so both carry the identical vocal.
/// </summary>
public static class Vocals
{
    /// <summary>The levelled vocal track, or null when the song has no line this voice sings.</summary>
    public static AudioBuffer? Render(Composition.Composition song, AudioBuffer band, double lyricsStrength, CancellationToken ct)
    {
        var sung = song.Lines.Where(l => FestivalSinger.Sings(l.Text)).ToList();
        if (sung.Count == 0) return null;
        var vocal = FestivalSinger.Sing(song, band.Frames, band.SampleRate, ct);
        // Level riding, coarse: the voice sits 1–4 dB above the band inside its lines (lyrics_strength decides).
        double vocalEnergy = 0, bandEnergy = 0;
        foreach (var line in sung)
        {
            int from = (int)(song.Score.TimeOf(line.Start) * band.SampleRate), to = Math.Min(band.Frames, (int)(song.Score.TimeOf(line.End) * band.SampleRate));
            for (int i = from; i < to; i++)
            {
                vocalEnergy += vocal.Left[i] * (double)vocal.Left[i];
                bandEnergy += (band.Left[i] * (double)band.Left[i] + band.Right[i] * (double)band.Right[i]) / 2;
            }
        }
        if (vocalEnergy <= 0) return null;
        double gainDb = 10 * Math.Log10(bandEnergy / vocalEnergy) + 1 + 3 * lyricsStrength;
        float g = (float)Math.Pow(10, gainDb / 20);
        for (int i = 0; i < vocal.Frames; i++) { vocal.Left[i] *= g; vocal.Right[i] *= g; }
        return vocal;
    }

    public static void AddInto(AudioBuffer mix, AudioBuffer vocal)
    {
        for (int i = 0; i < mix.Frames; i++) { mix.Left[i] += vocal.Left[i]; mix.Right[i] += vocal.Right[i]; }
    }
}
