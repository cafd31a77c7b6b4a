using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Sings English lyric lines with Festival's singing mode (singing mode, Debian's kal diphone
/// voice): every syllable gets its note's frequency and length, synthesised at the final pitch (shifting speech
/// far afterwards ruins intelligibility; <see cref="Singer"/> only adds expression on top). Each line is
/// synthesised on its own and placed at its sung time, so timing cannot drift across the song.
/// </summary>
public static partial class FestivalSinger
{
    public static string Executable { get; set; } = "festival";

    /// <summary>The highest note asked of Festival: its diphone synthesis crashes from about 550 Hz.</summary>
    public const double MaxHz = 420;

    /// <summary>Lines this voice sings: Latin letters and no CJK characters.</summary>
    public static bool Sings(string line) => line.Any(char.IsAsciiLetter) && !line.Any(Syllables.IsCjk);

    /// <summary>
    /// Sings lines at Festival's own rate (the kal voice is 16 kHz) in one Festival process: each syllable at its
    /// note's frequency and length, each line's audio starting at its first note. Starting Festival costs about
    /// 0.25 s (voice and lexicon), more than singing a line, so a song's lines share one process.
    /// </summary>
    public static (float[] Samples, int Rate)[] SingLines(IReadOnlyList<(string Text, IReadOnlyList<SungNote> Notes)> lines,
        double vibratoCents, string workDir, string batch, VoiceSynth synth = VoiceSynth.Kal)
    {
        if (lines.Count == 0) return [];
        var script = new StringBuilder(synth == VoiceSynth.Ked ? "(voice_ked_diphone)\n" : "(voice_kal_diphone)\n").Append(Expression);
        script.Append($"(set! op_vibrato_cents {vibratoCents.ToString("F1", CultureInfo.InvariantCulture)})\n");
        var wavs = new string[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            string xml = Path.Combine(workDir, $"{batch}-{i}.xml");
            wavs[i] = Path.Combine(workDir, $"{batch}-{i}.wav");
            File.WriteAllText(xml, Markup(lines[i].Text, lines[i].Notes));
            script.Append($"(op_sing \"{Scheme(xml)}\" \"{Scheme(wavs[i])}\")\n");
        }
        string scm = Path.Combine(workDir, $"{batch}.scm");
        File.WriteAllText(scm, script.ToString());
        Run($"-b \"{scm}\"");
        return wavs.Select(ReadWav).ToArray();
    }

    /// <summary>
    /// Speaks lines with a Festival voice that does not follow singing targets (the HTS slt voice), in one process,
    /// and reports each line's syllables (start, vowel, end) as Festival timed them, for <see cref="SpokenSinger"/>.
    /// </summary>
    public static (float[] Samples, int Rate, List<SpokenSyllable> Syllables)[] SpeakLines(IReadOnlyList<string> lines, string workDir, string batch)
    {
        if (lines.Count == 0) return [];
        var script = new StringBuilder("(voice_cmu_us_slt_arctic_hts)\n").Append(Speaker);
        var files = new (string Wav, string Syl)[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            files[i] = (Path.Combine(workDir, $"{batch}-{i}.wav"), Path.Combine(workDir, $"{batch}-{i}.syl"));
            string text = string.Join(' ', Word().Matches(lines[i]).Select(m => m.Value.ToLowerInvariant()));
            script.Append($"(op_speak \"{Scheme(text)}\" \"{Scheme(files[i].Wav)}\" \"{Scheme(files[i].Syl)}\")\n");
        }
        string scm = Path.Combine(workDir, $"{batch}.scm");
        File.WriteAllText(scm, script.ToString());
        Run($"-b \"{scm}\"");
        return files.Select(f =>
        {
            var (x, rate) = ReadWav(f.Wav);
            var syllables = File.ReadAllLines(f.Syl).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).Where(v => v.Length >= 2)
                .Select(v => v.Length >= 4 ? new SpokenSyllable(v[0], v[2], v[3], v[1]) : new SpokenSyllable(v[0], v[0], v[0], v[1])).ToList();
            return (x, rate, syllables);
        }).ToArray();
    }

    /// <summary>Speaks one line into a RIFF file and writes its syllables, one a line: start, end, vowel start, vowel end.</summary>
    private const string Speaker = """
(define (op_speak text out sylfile)
  (let ((utt (utt.synth (eval (list 'Utterance 'Text text))))
        (fd (fopen sylfile "w")))
    (utt.save.wave utt out 'riff)
    (mapcar (lambda (syl)
              (format fd "%f %f" (item.feat syl 'syllable_start) (item.feat syl 'syllable_end))
              (let ((done nil))
                (mapcar (lambda (seg)
                          (if (and (not done) (string-equal (item.feat seg 'ph_vc) "+"))
                              (begin (set! done t)
                                     (format fd " %f %f" (item.feat seg 'segment_start) (item.feat seg 'end)))))
                        (item.daughters (item.relation syl 'SylStructure))))
              (format fd "\n"))
            (utt.relation.items utt 'Syllable))
    (fclose fd)))
""";

    private static string Scheme(string path) => path.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>
    /// Expression, in Festival's own Scheme: the pitch targets of singing mode with a short portamento into each
    /// note and a late vibrato. Festival's pitch-synchronous synthesis follows these targets far more cleanly
    /// than re-pitching its output afterwards (measured: a PSOLA pass cost the female voice a third of its
    /// recognised lines).
    /// </summary>
    private const string Expression = """
(require 'singing-mode)
(defvar op_vibrato_cents 35)
;; Vibrato: 5.5 Hz, starting 0.22 s into a note and fading in over 0.2 s, as a target every 30 ms.
(define (op_vibrato_points t0 t1 f)
  (let ((pts nil) (tt (+ t0 0.22)))
    (while (< tt t1)
      (let ((age (- tt (+ t0 0.22))))
        (let ((fade (if (> age 0.2) 1.0 (/ age 0.2))))
          (set! pts (cons (list tt (* f (pow 2 (/ (* op_vibrato_cents fade (sin (* 6.2831853 5.5 age))) 1200.0)))) pts))))
      (set! tt (+ tt 0.03)))
    (reverse pts)))

;; Festival's own singing_f0_targets, but each note glides in over at most 35 ms (portamento from the
;; previous note, which Festival interpolates) and carries the vibrato between its ends.
(define (singing_f0_targets utt syl)
  (let ((start (item.feat syl 'syllable_start))
        (end (item.feat syl 'syllable_end))
        (freqs (mapcar parse-number (syl->freq syl)))
        (durs (syl->durations syl)))
    (let ((total-durs (apply + durs))
          (total-time (- end start))
          (time start)
          (prev-segment (item.prev (item.relation (item.daughter1 (item.relation syl 'SylStructure)) 'Segment)))
          (last-f0 singing-last-f0))
      (if freqs
          (begin
            (set! singing-last-f0 (car (last freqs)))
            (append (if (and last-f0 prev-segment (item.prev prev-segment)
                             (string-equal (item.feat prev-segment 'name)
                                           (car (car (cdr (car (PhoneSet.description '(silences))))))))
                        (let ((s (item.feat prev-segment "p.end"))
                              (e (item.feat prev-segment "end")))
                          (list (list (+ s (* (- e s) 0.8)) last-f0)
                                (list (+ s (* (- e s) 0.9)) (car freqs)))))
                    (apply append
                           (mapcar (lambda (d f)
                                     (let ((range (* (/ d total-durs) total-time))
                                           (old-time time))
                                       (set! time (+ time range))
                                       (let ((glide (if (< (* 0.1 range) 0.035) (* 0.1 range) 0.035)))
                                         (append (list (list (+ old-time glide) f))
                                                 (op_vibrato_points old-time (- time glide) f)
                                                 (list (list (- time glide) f))))))
                                   durs freqs))))))))
;; Sings one singing-mode file into one RIFF file, as text2wave would (its utterances joined), from a fresh
;; start: no glide carries over from the line before.
(define (op_sing in out)
  (set! singing-last-f0 nil)
  (set! op_wave nil)
  (set! tts_hooks (list utt.synth (lambda (utt) (set! op_wave (if op_wave (wave.append op_wave (utt.wave utt)) (utt.wave utt))))))
  (tts_file in 'singing)
  (wave.save op_wave out 'riff))
""";

    /// <summary>
    /// Festival's singing markup for one line: each word a PITCH/DURATION element with one frequency and one length
    /// per syllable (our syllables; Festival spreads them over its own). A gap before the next note becomes a rest,
    /// so the words stay on their beats.
    /// </summary>
    internal static string Markup(string line, IReadOnlyList<SungNote> notes)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE SINGING PUBLIC \"-//SINGING//DTD SINGING mark up//EN\" \"Singing.v0_1.dtd\" []>\n");
        sb.Append("<SINGING BPM=\"100\">\n");
        int n = 0;
        foreach (Match w in Word().Matches(line))
        {
            int count = Syllables.Split(w.Value).Count;
            var freqs = new List<string>();
            var lengths = new List<string>();
            for (int k = 0; k < count && n < notes.Count; k++, n++)
            {
                var note = notes[n];
                freqs.Add(note.Hz.ToString("F1", CultureInfo.InvariantCulture));
                lengths.Add(note.Seconds.ToString("F3", CultureInfo.InvariantCulture));
                double gap = n + 1 < notes.Count ? notes[n + 1].Start - note.End : 0;
                if (gap > 0.02 && k == count - 1)
                {
                    sb.Append(Element(w.Value, freqs, lengths));
                    // Singing mode counts BEATS at BPM/50 per second.
                    sb.Append($"<REST BEATS=\"{(gap * 2).ToString("F3", CultureInfo.InvariantCulture)}\"></REST>\n");
                    freqs.Clear();
                }
            }
            if (freqs.Count > 0) sb.Append(Element(w.Value, freqs, lengths));
        }
        sb.Append("</SINGING>\n");
        return sb.ToString();
    }

    private static string Element(string word, List<string> freqs, List<string> lengths) =>
        $"<PITCH FREQ=\"{string.Join(",", freqs)}\"><DURATION SECONDS=\"{string.Join(",", lengths)}\">{SecurityElement.Escape(word.ToLowerInvariant())}</DURATION></PITCH>\n";

    private static void Run(string args)
    {
        var psi = new ProcessStartInfo(Executable, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EngineException("festival not found: run ./producer serve (it installs festival and festvox-kallpc16k)", e);
        }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(300_000)) { p.Kill(true); throw new EngineException("festival timed out"); }
            if (p.ExitCode != 0) throw new EngineException($"festival failed (exit {p.ExitCode}): {(err.Result + " " + stdout).Trim()}");
        }
    }

    /// <summary>Reads a 16-bit PCM mono RIFF file (what Festival writes) as floats, with its rate.</summary>
    internal static (float[] Samples, int Rate) ReadWav(string path)
    {
        var b = File.ReadAllBytes(path);
        int pos = 12, rate = 16000;
        while (pos + 8 <= b.Length)
        {
            string id = Encoding.ASCII.GetString(b, pos, 4);
            int size = BitConverter.ToInt32(b, pos + 4);
            if (id == "fmt ") rate = BitConverter.ToInt32(b, pos + 12);
            if (id == "data")
            {
                int count = Math.Min(size, b.Length - pos - 8) / 2;
                var samples = new float[count];
                for (int i = 0; i < count; i++) samples[i] = BitConverter.ToInt16(b, pos + 8 + 2 * i) / 32768f;
                return (samples, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new EngineException("festival wrote no audio");
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
