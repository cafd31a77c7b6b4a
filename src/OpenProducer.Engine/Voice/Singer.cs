using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// The singer: picks the synthesiser for each line (the voice's <see cref="VoiceProfile.Synth"/> for English,
/// espeak-ng for Mandarin), sings it on the composer's notes with expression (portamento, late vibrato), and gives
/// the voice its formants.
/// A female voice is the same synthesiser with its vocal tract scaled: the line is synthesised
/// <see cref="VoiceProfile.Formant"/> times lower and slower, then read that much faster, which lifts pitch and
/// formants together and restores the timing. Pitch alone would give a chipmunk man, not a woman.
/// </summary>
public static class Singer
{
    /// <summary>Lines the singer can sing: English (Latin letters) or Chinese.</summary>
    public static bool Sings(string line) => Syllables.Singable(line);

    /// <summary>
    /// The octave the voice sings in. The composer writes the tune around D4: a female voice sings it as written
    /// (median 220–415 Hz), a male voice an octave lower (110–208 Hz), as singers read a treble melody. Octaves keep the harmony, and one sheet's two voices sit exactly an octave apart.
    /// </summary>
    public static int Transpose(VoiceGender gender) => gender == VoiceGender.Female ? 0 : -12;

    /// <summary>Renders the song's voice, <paramref name="frames"/> long, silent where no line is sung.</summary>
    /// <param name="progress">Told, as lines are placed, how far the voice is final (a live stream reads it while it sings).</param>
    public static AudioBuffer Sing(ComposedSong song, int frames, int sampleRate, CancellationToken ct,
        Func<LyricLine, bool>? lineFilter = null, Func<int, int>? pitchMap = null, VoiceProgress? progress = null)
    {
        var vocal = new AudioBuffer(frames, sampleRate);
        var voice = song.Voice;
        int transpose = Transpose(voice.Gender);
        pitchMap ??= p => p;
        var lines = song.Lines.Where(l => Sings(l.Text) && (lineFilter?.Invoke(l) ?? true)).ToList();
        var notes = lines.Select(l => NotesOf(song, l, p => pitchMap(p) + transpose)).ToList();
        var placer = new Placer(vocal, notes.Select(n => n.Count == 0 ? (double?)null : n[0].At).ToList(), progress);
        string dir = Directory.CreateTempSubdirectory("voice-").FullName;
        try
        {
            var jobs = new List<(int Index, LyricLine Line, List<(SungNote Note, double At)> Notes, string Key)>();
            // Lines this song sings again (a chorus comes back): placed from the first singing of their key.
            var again = new Dictionary<string, List<int>>();
            for (int i = 0; i < lines.Count; i++)
            {
                if (notes[i].Count == 0) continue;
                string key = SungLineCache.Key(MandarinSinger.Sings(lines[i].Text) ? "cmn" : "en", lines[i].Text, notes[i].Select(n => n.Note), voice, sampleRate);
                // A line sung before (the same words, notes and voice) is the same audio: it is not sung again.
                if (SungLineCache.TryGet(key, out var cached, out double offset)) placer.Done(i, cached, notes[i][0].At + offset);
                else if (again.TryGetValue(key, out var later)) later.Add(i);
                else
                {
                    again[key] = [];
                    jobs.Add((i, lines[i], notes[i], key));
                }
            }
            void Place(int index, string key, float[] samples, double offset)
            {
                placer.Done(index, samples, notes[index][0].At + offset);
                foreach (int i in again[key]) placer.Done(i, samples, notes[i][0].At + offset);
            }
            // English lines, in two halves (one per core), each line placed as soon as it and those before it are sung.
            var english = jobs.Where(j => !MandarinSinger.Sings(j.Line.Text)).ToList();
            var plans = english.Select(j => Plan(j.Notes.Select(n => n.Note).ToList(), voice)).ToList();
            void Half(int half)
            {
                var mine = Enumerable.Range(0, english.Count).Where(k => k % 2 == half).ToList();
                SingEnglish(mine.Select(k => (english[k].Line.Text, plans[k])).ToList(), voice, sampleRate, dir, $"b{half}", (m, samples, preRoll) =>
                {
                    ct.ThrowIfCancellationRequested();
                    var job = english[mine[m]];
                    SungLineCache.Add(job.Key, samples, -preRoll);
                    Place(job.Index, job.Key, samples, -preRoll);
                });
            }
            if (english.Count == 1) Half(0);
            else if (english.Count > 1) Cores.Both(() => Half(0), () => Half(1));
            // Chinese lines: espeak-ng in-process (it holds a lock, so one at a time).
            foreach (var j in jobs.Where(j => MandarinSinger.Sings(j.Line.Text)))
            {
                ct.ThrowIfCancellationRequested();
                var plan = Plan(j.Notes.Select(n => n.Note).ToList(), voice);
                var (x, rate, preRoll) = MandarinSinger.SingLine(plan.Scaled, plan.Contour);
                var samples = Resampler.Apply(x, rate * voice.Formant, sampleRate);
                SungLineCache.Add(j.Key, samples, -preRoll / voice.Formant);
                Place(j.Index, j.Key, samples, -preRoll / voice.Formant);
            }
            placer.Finish();
            return vocal;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The line's notes in seconds from its first note (and that note's song time). Notes are sung legato up to
    /// the next note, at most 1.6 times their written length.
    /// </summary>
    internal static List<(SungNote Note, double At)> NotesOf(ComposedSong song, LyricLine line, Func<int, int> pitch)
    {
        var score = song.Score;
        var melody = song.Melody.Where(m => m.Start >= line.Start - 1e-6 && m.Start < line.End - 1e-6).ToList();
        if (melody.Count == 0) return [];
        double origin = score.TimeOf(melody[0].Start);
        var result = new List<(SungNote, double)>();
        for (int n = 0; n < melody.Count; n++)
        {
            var m = melody[n];
            double endBeat = n + 1 < melody.Count ? Math.Min(melody[n + 1].Start, m.Start + m.Length * 1.6) : m.Start + m.Length;
            double start = score.TimeOf(m.Start) - origin;
            double seconds = Math.Max(0.08, score.TimeOf(endBeat) - score.TimeOf(m.Start));
            result.Add((new SungNote(start, seconds, 440 * Math.Pow(2, (pitch(m.Pitch) - 69) / 12.0), m.Syllable), origin));
        }
        return result;
    }

    /// <summary>
    /// What the synthesiser is asked for, for a voice whose vocal tract is <see cref="VoiceProfile.Formant"/> times
    /// shorter than the synthesiser's: notes that much lower and slower (the audio is read that much faster
    /// afterwards), and the pitch contour with expression. Festival crashes on very high notes: those are asked
    /// lower and lifted by PSOLA afterwards.
    /// </summary>
    private sealed record LinePlan(List<SungNote> Scaled, List<SungNote> Asked, PitchContour Contour);

    private static LinePlan Plan(IReadOnlyList<SungNote> notes, VoiceProfile voice)
    {
        double a = voice.Formant;
        var scaled = notes.Select(n => n with { Start = n.Start * a, Seconds = n.Seconds * a, Hz = n.Hz / a }).ToList();
        var asked = scaled.Select(n => n with { Hz = Math.Min(n.Hz, FestivalSinger.MaxHz) }).ToList();
        return new LinePlan(scaled, asked, new PitchContour(scaled, voice.VibratoCents));
    }

    /// <summary>
    /// English lines at the output rate with their pre-roll (seconds before the first note), each handed to
    /// <paramref name="done"/> (by its index in <paramref name="lines"/>) as soon as it is sung. The diphone voices
    /// sing in Festival's singing mode, one Festival process for the batch; the others speak and are re-sung, a line at a time.
    /// </summary>
    private static void SingEnglish(List<(string Text, LinePlan Plan)> lines, VoiceProfile voice, int outRate, string dir, string batch,
        Action<int, float[], double> done)
    {
        double a = voice.Formant;
        switch (voice.Synth)
        {
            case VoiceSynth.Kal or VoiceSynth.Ked:
                var raw = FestivalSinger.SingLines(lines.Select(l => (l.Text, (IReadOnlyList<SungNote>)l.Plan.Asked)).ToList(), voice.VibratoCents, dir, batch, voice.Synth);
                for (int k = 0; k < raw.Length; k++) done(k, FinishFestival(raw[k].Samples, raw[k].Rate, lines[k].Plan, voice, outRate), 0.0);
                break;
            case VoiceSynth.SltHts:
                var spoken = FestivalSinger.SpeakLines(lines.Select(l => l.Text).ToList(), dir, batch);
                for (int k = 0; k < spoken.Length; k++) Done(k, Resung(spoken[k], lines[k].Plan, a, outRate));
                break;
            case VoiceSynth.EspeakEnUs or VoiceSynth.EspeakEnUsF3:
                string variant = voice.Synth == VoiceSynth.EspeakEnUsF3 ? "en-us+f3" : "en-us";
                for (int k = 0; k < lines.Count; k++)
                    Done(k, Resung(SpeechCache.Get("espeak", variant, lines[k].Text, () => Flite.SpeakEspeak(variant, lines[k].Text)), lines[k].Plan, a, outRate));
                break;
            default:
                string name = voice.Synth == VoiceSynth.FliteRms ? "rms" : "slt";
                for (int k = 0; k < lines.Count; k++)
                    Done(k, Resung(SpeechCache.Get("flite", name, lines[k].Text, () => Flite.Speak(name, lines[k].Text)), lines[k].Plan, a, outRate));
                break;
        }
        void Done(int k, (float[] Samples, double PreRoll) line) => done(k, line.Samples, line.PreRoll);
    }

    private static (float[] Samples, double PreRoll) Resung((float[] Samples, int Rate, List<SpokenSyllable> Syllables) speech, LinePlan plan, double formant, int outRate)
    {
        var (x, preRoll) = SpokenSinger.Sing(speech.Samples, speech.Rate, speech.Syllables, plan.Scaled, plan.Contour);
        return (Resampler.Apply(x, speech.Rate * formant, outRate), preRoll / formant);
    }

    private static float[] FinishFestival(float[] x, int rate, LinePlan plan, VoiceProfile voice, int outRate)
    {
        if (plan.Asked.Zip(plan.Scaled).Any(p => p.First.Hz != p.Second.Hz))
            x = Psola.Render(x, rate, Psola.Analyze(x, rate, new PitchContour(plan.Asked, 0).NoteHzAt), x.Length, s => s, plan.Contour.HzAt);
        return Resampler.Apply(x, rate * voice.Formant, outRate);
    }
}
