using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Sings English lyric lines with Festival's singing mode (<c>text2wave -mode singing</c>, Debian's kal diphone
/// voice): every syllable gets its note's frequency and length, synthesised at the final pitch (pitch-shifting
/// speech afterwards ruins intelligibility). Each line is synthesised on its own and placed at its sung time,
/// so timing cannot drift across the song.
/// </summary>
public static partial class FestivalSinger
{
    public static string Executable { get; set; } = "text2wave";

    /// <summary>Lines this voice sings: Latin letters and no CJK characters.</summary>
    public static bool Sings(string line) => line.Any(char.IsAsciiLetter) && !line.Any(Syllables.IsCjk);

    /// <summary>
    /// The octave the voice sings in: the written melody sits around G4, a male voice sings it an octave lower
    /// (median near 200 Hz), as singers read a treble melody.
    /// </summary>
    public static int Transpose(IReadOnlyList<MelodyNote> melody)
    {
        if (melody.Count == 0) return 0;
        var pitches = melody.Select(m => m.Pitch).Order().ToList();
        return pitches[pitches.Count / 2] > 60 ? -12 : 0;
    }

    /// <summary>Renders the vocal track of the song, <paramref name="frames"/> long; silent where no line is sung.</summary>
    public static AudioBuffer Sing(Composition.Composition song, int frames, int sampleRate, CancellationToken ct,
        Func<LyricLine, bool>? lineFilter = null, Func<int, int>? pitchMap = null)
    {
        var vocal = new AudioBuffer(frames, sampleRate);
        var score = song.Score;
        int transpose = Transpose(song.Melody);
        pitchMap ??= p => p;
        string dir = Directory.CreateTempSubdirectory("voice-").FullName;
        try
        {
            var lines = song.Lines.Where(l => Sings(l.Text) && (lineFilter?.Invoke(l) ?? true)).ToList();
            // Lines are independent: synthesise two at a time (text2wave is single-threaded).
            var rendered = new float[lines.Count][];
            Parallel.For(0, lines.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, i =>
            {
                var notes = song.Melody.Where(m => m.Start >= lines[i].Start - 1e-6 && m.Start < lines[i].End - 1e-6)
                    .Select(m => m with { Pitch = pitchMap(m.Pitch) }).ToList();
                string xml = Path.Combine(dir, $"{i}.xml"), wav = Path.Combine(dir, $"{i}.wav");
                File.WriteAllText(xml, Markup(lines[i].Text, notes, score, transpose));
                Run($"-mode singing \"{xml}\" -o \"{wav}\" -F {sampleRate}");
                rendered[i] = ReadWav(wav);
            });
            for (int i = 0; i < lines.Count; i++)
            {
                int at = (int)Math.Round(score.TimeOf(lines[i].Start) * sampleRate);
                var samples = rendered[i];
                for (int j = 0; j < samples.Length && at + j < frames; j++)
                {
                    vocal.Left[at + j] += samples[j];
                    vocal.Right[at + j] += samples[j];
                }
            }
            return vocal;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Festival's singing markup for one line: each word a PITCH/DURATION element with one frequency and one length
    /// per syllable (our syllables; Festival spreads them over its own). Notes are sung legato up to the next note.
    /// </summary>
    internal static string Markup(string line, IReadOnlyList<MelodyNote> notes, Score score, int transpose)
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
                double end = n + 1 < notes.Count ? Math.Min(notes[n + 1].Start, note.Start + note.Length * 1.6) : note.Start + note.Length;
                double seconds = Math.Max(0.08, (end - note.Start) * score.SecondsPerBeat);
                freqs.Add((440 * Math.Pow(2, (note.Pitch + transpose - 69) / 12.0)).ToString("F1", CultureInfo.InvariantCulture));
                lengths.Add(seconds.ToString("F3", CultureInfo.InvariantCulture));
                // A gap before the next note becomes a rest, so the words stay on their beats.
                double gap = n + 1 < notes.Count ? notes[n + 1].Start - end : 0;
                if (gap > 0.05 && k == count - 1)
                {
                    sb.Append(Element(w.Value, freqs, lengths));
                    sb.Append($"<REST BEATS=\"{(gap * score.SecondsPerBeat * 2).ToString("F3", CultureInfo.InvariantCulture)}\"></REST>\n");
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
            throw new EngineException("text2wave not found: run ./producer serve (it installs festival and festvox-kallpc16k)", e);
        }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(true); throw new EngineException("text2wave timed out"); }
            if (p.ExitCode != 0) throw new EngineException($"text2wave failed: {err.Result.Trim()}");
        }
    }

    /// <summary>Reads a 16-bit PCM mono RIFF file (what text2wave writes) as floats.</summary>
    internal static float[] ReadWav(string path)
    {
        var b = File.ReadAllBytes(path);
        int pos = 12;
        while (pos + 8 <= b.Length)
        {
            string id = Encoding.ASCII.GetString(b, pos, 4);
            int size = BitConverter.ToInt32(b, pos + 4);
            if (id == "data")
            {
                int count = Math.Min(size, b.Length - pos - 8) / 2;
                var samples = new float[count];
                for (int i = 0; i < count; i++) samples[i] = BitConverter.ToInt16(b, pos + 8 + 2 * i) / 32768f;
                return samples;
            }
            pos += 8 + size + (size & 1);
        }
        throw new EngineException("text2wave wrote no audio");
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
