using System.Text;
using System.Text.RegularExpressions;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Tests.Support;

/// <summary>What one voice achieved on a song's sung lines.</summary>
public sealed record SungLineScores(int PitchedFrames, double OnNote, int Lines, double ClosedSet, double SungWords, double SpokenWords)
{
    /// <summary>Open-vocabulary word accuracy of the sung lines relative to the same lines spoken by Festival.</summary>
    public double WordRatio => SpokenWords <= 0 ? 0 : SungWords / SpokenWords;
}

/// <summary>
/// Independent measures of a sung voice, line by line, with tools that share nothing with the engine: aubio
/// (yinfft) for pitch against the score's notes, and pocketsphinx (default US English model) twice: in closed-set
/// mode (a JSGF grammar of the song's lines and as many distractor lines; is the right line picked?) and with its
/// open-vocabulary language model (word accuracy, against the same recogniser on the same lines spoken by Festival).
/// </summary>
public static partial class SungLineMeasures
{
    private const string Model = "/usr/share/pocketsphinx/model/en-us";
    public const int Rate = 16000;

    public static SungLineScores Measure(OpenProducer.Engine.Composition.ComposedSong song, IReadOnlyList<string> distractors, Action<string>? log = null)
    {
        var score = song.Score;
        int transpose = Singer.Transpose(song.Voice.Gender);
        int frames = (int)((score.TimeOf(song.Lines[^1].End) + 1) * 44100);
        var dry = Singer.Sing(song, frames, 44100, CancellationToken.None);

        // Pitch: frames aubio finds pitched inside a melody note, within a semitone of it.
        var notes = song.Melody.Select(m => (Start: score.TimeOf(m.Start), End: score.TimeOf(m.Start + m.Length), Pitch: m.Pitch + transpose)).ToList();
        int inside = 0, onNote = 0;
        var misses = new SortedDictionary<int, int>();
        foreach (var (t, midi) in Media.AubioPitch(dry, "midi"))
        {
            var note = notes.FirstOrDefault(n => t >= n.Start && t < n.End);
            if (note == default) continue;
            inside++;
            if (Math.Abs(midi - note.Pitch) <= 1) onNote++;
            else misses[(int)Math.Round(midi - note.Pitch)] = misses.GetValueOrDefault((int)Math.Round(midi - note.Pitch)) + 1;
        }
        log?.Invoke("  off-note frames by semitones from the note: " + string.Join(", ", misses.Where(m => m.Value >= inside / 200).Select(m => $"{m.Key:+0;-0}: {m.Value}")));

        string dir = Directory.CreateTempSubdirectory("sung-lines-").FullName;
        try
        {
            var lines = song.Lines.Select(l => Normal(l.Text)).ToList();
            var unique = lines.Distinct().ToList();
            var voice = Resampler.Apply(dry.Left, 44100, Rate);
            var sung = new List<string>();
            for (int i = 0; i < song.Lines.Count; i++)
            {
                int from = Math.Max(0, (int)((score.TimeOf(song.Lines[i].Start) - 0.25) * Rate));
                int to = Math.Min(voice.Length, (int)((score.TimeOf(song.Lines[i].End) + 0.3) * Rate));
                sung.Add(WriteMono(Path.Combine(dir, $"sung{i}.wav"), voice.AsSpan(from, to - from)));
            }
            var spoken = new List<string>();
            for (int i = 0; i < lines.Count; i++)
            {
                string text = Path.Combine(dir, $"spoken{i}.txt"), raw = Path.Combine(dir, $"spoken{i}-raw.wav");
                File.WriteAllText(text, lines[i] + ".");
                // Festival's kal voice, named: with more voices installed, Festival's default may be another.
                Media.Run("text2wave", $"-eval \"(voice_kal_diphone)\" \"{text}\" -o \"{raw}\"");
                spoken.Add(WriteMono(Path.Combine(dir, $"spoken{i}.wav"), Resampler.Apply(Media.DecodeMono(raw), 44100, Rate)));
            }
            string grammar = Path.Combine(dir, "lines.gram");
            File.WriteAllText(grammar, Grammar(unique.Concat(distractors.Take(unique.Count).Select(Normal))));
            var closed = Recognise(dir, sung, $"-jsgf \"{grammar}\"");
            var openSung = Recognise(dir, sung, $"-lm {Model}/en-us.lm.bin");
            var openSpoken = Recognise(dir, spoken, $"-lm {Model}/en-us.lm.bin");
            int right = 0;
            for (int i = 0; i < lines.Count; i++)
            {
                if (closed[i] == lines[i]) right++;
                log?.Invoke($"  \"{lines[i]}\": closed set \"{closed[i]}\", open \"{openSung[i]}\", spoken \"{openSpoken[i]}\"");
            }
            return new SungLineScores(inside, onNote / (double)Math.Max(1, inside), lines.Count, right / (double)lines.Count,
                WordAccuracy(lines, openSung), WordAccuracy(lines, openSpoken));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Word accuracy over all lines: (N − substitutions − deletions − insertions) / N, by edit distance.</summary>
    public static double WordAccuracy(IReadOnlyList<string> references, IReadOnlyList<string> hypotheses)
    {
        int words = 0, errors = 0;
        for (int i = 0; i < references.Count; i++)
        {
            var r = references[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var h = hypotheses[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var d = new int[r.Length + 1, h.Length + 1];
            for (int a = 0; a <= r.Length; a++) d[a, 0] = a;
            for (int b = 0; b <= h.Length; b++) d[0, b] = b;
            for (int a = 1; a <= r.Length; a++)
                for (int b = 1; b <= h.Length; b++)
                    d[a, b] = Math.Min(Math.Min(d[a - 1, b] + 1, d[a, b - 1] + 1), d[a - 1, b - 1] + (r[a - 1] == h[b - 1] ? 0 : 1));
            words += r.Length;
            errors += d[r.Length, h.Length];
        }
        return (words - errors) / (double)Math.Max(1, words);
    }

    /// <summary>One pocketsphinx_batch run over the files (one model load), the hypotheses in order.</summary>
    private static List<string> Recognise(string dir, List<string> wavs, string model)
    {
        string ctl = Path.Combine(dir, $"run{Guid.NewGuid():N}.ctl"), hyp = Path.ChangeExtension(ctl, ".hyp");
        File.WriteAllLines(ctl, wavs.Select(w => Path.GetFileNameWithoutExtension(w)));
        Media.Run("pocketsphinx_batch", $"-adcin yes -adchdr 44 -cepdir \"{dir}\" -cepext .wav -ctl \"{ctl}\" -hyp \"{hyp}\" " +
            $"-hmm {Model}/en-us -dict {Model}/cmudict-en-us.dict {model} -logfn /dev/null", timeoutMs: 600_000);
        var byId = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(hyp))
        {
            int open = line.LastIndexOf('(');
            if (open < 0) continue;
            string id = line[(open + 1)..].Split(' ')[0];
            byId[id] = Normal(line[..open]);
        }
        return wavs.Select(w => byId.GetValueOrDefault(Path.GetFileNameWithoutExtension(w), "")).ToList();
    }

    private static string Grammar(IEnumerable<string> lines)
    {
        var sb = new StringBuilder("#JSGF V1.0;\ngrammar lines;\npublic <line> = ");
        sb.Append(string.Join(" | ", lines.Distinct().Select(l => $"( {l} )")));
        return sb.Append(";\n").ToString();
    }

    public static string Normal(string text) =>
        Spaces().Replace(NotWord().Replace(text.Replace('’', '\'').ToLowerInvariant(), " "), " ").Trim();

    /// <summary>A 16-bit mono RIFF file at 16 kHz, peak-normalised to half scale (a 44-byte header).</summary>
    private static string WriteMono(string path, ReadOnlySpan<float> samples)
    {
        float peak = 1e-9f;
        foreach (var v in samples) peak = Math.Max(peak, Math.Abs(v));
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8); w.Write(36 + samples.Length * 2); w.Write("WAVEfmt "u8);
        w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(Rate); w.Write(Rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples.Length * 2);
        foreach (var v in samples) w.Write((short)Math.Round(v / peak * 0.5f * 32767));
        return path;
    }

    [GeneratedRegex(@"[^a-z' ]")]
    private static partial Regex NotWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
