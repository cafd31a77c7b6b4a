using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Sings Chinese lines in Mandarin: espeak-ng's <c>cmn-latn-pinyin</c> voice speaks each character on its own, on a
/// level pitch, and PSOLA then holds its vowel for the note's length and moves it onto the note's pitch contour.
/// The initial consonant keeps its natural length and comes just before the beat, so the vowel lands on it.
/// Singing overrides the lexical tones (pitch range 0 flattens them), as Mandarin singing does.
/// </summary>
public static class MandarinSinger
{
    public const string VoiceName = "cmn-latn-pinyin";
    private const int WordsPerMinute = 130;

    /// <summary>Lines with Chinese characters.</summary>
    public static bool Sings(string line) => line.Any(IsHan);

    public static bool IsHan(char c) => Syllables.IsHan(c);

    /// <summary>
    /// The sung line at espeak-ng's rate. Its <c>PreRoll</c> is how far (seconds) the audio starts before the
    /// first note's beat: the first syllable's consonant.
    /// </summary>
    public static (float[] Samples, int Rate, double PreRoll) SingLine(IReadOnlyList<SungNote> notes, PitchContour contour)
    {
        var syllables = new List<(float[] Audio, int Onset, SungNote Note)>();
        int rate = 22050;
        foreach (var note in notes)
        {
            int pitch = Espeak.PitchFor(note.Hz);
            // A syllable spoken before at this pitch is the same speech (choruses come back): it is not spoken again.
            var (raw, r, _) = SpeechCache.Get("espeak", $"{VoiceName}|{pitch}|{WordsPerMinute}", note.Syllable, () =>
            {
                var (spokenAudio, spokenRate) = Espeak.Speak(VoiceName, note.Syllable, pitch, WordsPerMinute);
                return (spokenAudio, spokenRate, []);
            });
            rate = r;
            var x = Trim(raw, rate);
            if (x.Length == 0) continue;
            double spoken = Espeak.HzFor(pitch);
            var marks = Psola.Analyze(x, rate, _ => spoken);
            int firstVoiced = marks.FindIndex(m => m.Voiced), lastVoiced = marks.FindLastIndex(m => m.Voiced);
            if (firstVoiced < 0) { syllables.Add((Fade(x, rate), 0, note)); continue; }
            int onset = marks[firstVoiced].Position;
            if (onset > x.Length * 0.6) onset = 0;
            int voicedEnd = Math.Min(x.Length, marks[lastVoiced].Position + marks[lastVoiced].Period);
            int tail = x.Length - voicedEnd;
            int outLength = onset + (int)(note.Seconds * rate);
            int stretchOut = Math.Max(1, outLength - tail - onset);
            double stretchIn = Math.Max(1, voicedEnd - onset);
            double OutToIn(double s) => s < onset ? s
                : s < onset + stretchOut ? onset + (s - onset) * stretchIn / stretchOut
                : voicedEnd + (s - onset - stretchOut);
            var sung = Psola.Render(x, rate, marks, outLength, OutToIn, t => contour.HzAt(note.Start + t - onset / (double)rate));
            syllables.Add((Fade(sung, rate), onset, note));
        }
        if (syllables.Count == 0) return ([], rate, 0);
        int pre = syllables.Max(s => s.Onset - (int)(s.Note.Start * rate));
        pre = Math.Max(0, pre);
        int length = syllables.Max(s => pre + (int)(s.Note.Start * rate) - s.Onset + s.Audio.Length);
        var line = new float[length];
        foreach (var (audio, onset, note) in syllables)
        {
            int at = pre + (int)(note.Start * rate) - onset;
            for (int i = 0; i < audio.Length; i++) line[at + i] += audio[i];
        }
        return (line, rate, pre / (double)rate);
    }

    /// <summary>Cuts the silence espeak-ng leaves around a syllable (5 ms frames under 2% of the loudest).</summary>
    private static float[] Trim(float[] x, int rate)
    {
        int hop = rate / 200;
        var rms = new double[x.Length / hop];
        for (int f = 0; f < rms.Length; f++)
        {
            double e = 0;
            for (int i = f * hop; i < (f + 1) * hop; i++) e += x[i] * (double)x[i];
            rms[f] = Math.Sqrt(e / hop);
        }
        if (rms.Length == 0) return [];
        double floor = rms.Max() * 0.02;
        int first = Array.FindIndex(rms, v => v > floor), last = Array.FindLastIndex(rms, v => v > floor);
        if (first < 0) return [];
        return x[(first * hop)..Math.Min(x.Length, (last + 1) * hop)];
    }

    /// <summary>3 ms in, 20 ms out: syllables join without clicks.</summary>
    private static float[] Fade(float[] x, int rate)
    {
        int fin = Math.Min(x.Length, rate * 3 / 1000), fout = Math.Min(x.Length, rate / 50);
        for (int i = 0; i < fin; i++) x[i] *= i / (float)fin;
        for (int i = 0; i < fout; i++) x[x.Length - 1 - i] *= i / (float)fout;
        return x;
    }
}
