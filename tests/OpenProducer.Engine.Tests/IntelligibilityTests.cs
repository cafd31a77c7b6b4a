using System.Text;
using System.Text.RegularExpressions;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// Can the words be heard? pocketsphinx (en-us) in closed-set mode: a JSGF grammar holds the song's lines and as
/// many distractor lines, and the recogniser must pick the right line for each cut of the dry lead vocal.
/// </summary>
public partial class IntelligibilityTests(ITestOutputHelper output)
{
    private const string Model = "/usr/share/pocketsphinx/model/en-us";
    private const int Rate = 16000;

    [Theory]
    [InlineData("m")]
    [InlineData("f")]
    public void The_recogniser_picks_the_sung_line_for_most_lines(string gender)
    {
        string sheet = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "english-sheet.txt"));
        var song = Composer.Compose(new CompositionRequest { Prompt = "pop", Seed = 21, Lyric = sheet, VocalGender = gender });
        string dir = Directory.CreateTempSubdirectory("asr-").FullName;
        try
        {
            var distractors = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "distractor-lines.txt"));
            var lines = song.Lines.Select(l => Normal(l.Text)).ToList();
            var unique = lines.Distinct().ToList();
            string grammar = Path.Combine(dir, "lines.gram");
            File.WriteAllText(grammar, Grammar(unique.Concat(distractors.Take(unique.Count).Select(Normal))));

            var score = song.Score;
            int frames = (int)((score.TimeOf(song.Lines[^1].End) + 1) * Rate);
            var dry = Singer.Sing(song, frames, Rate, CancellationToken.None);
            int sungRight = 0;
            for (int i = 0; i < song.Lines.Count; i++)
            {
                int from = Math.Max(0, (int)((score.TimeOf(song.Lines[i].Start) - 0.15) * Rate));
                int to = Math.Min(frames, (int)((score.TimeOf(song.Lines[i].End) + 0.3) * Rate));
                string wav = Path.Combine(dir, $"sung{i}.wav");
                WriteMono(wav, dry.Left.AsSpan(from, to - from));
                string heard = Recognise(wav, grammar);
                if (heard == lines[i]) sungRight++;
                else output.WriteLine($"  sung \"{lines[i]}\", heard \"{heard}\"");
            }
            int spokenRight = 0;
            for (int i = 0; i < unique.Count; i++)
            {
                string text = Path.Combine(dir, $"spoken{i}.txt"), raw = Path.Combine(dir, $"spoken{i}-raw.wav"), wav = Path.Combine(dir, $"spoken{i}.wav");
                File.WriteAllText(text, unique[i] + ".");
                Media.Run("text2wave", $"\"{text}\" -o \"{raw}\"");
                // The same voice: Festival's speech with the singer's vocal-tract scale (read faster by its formant factor).
                var speech = Media.DecodeMono(raw);
                var scaled = Resampler.Apply(speech, 44100 * song.Voice.Formant, Rate);
                WriteMono(wav, scaled);
                if (Recognise(wav, grammar) == unique[i]) spokenRight++;
            }
            double sung = sungRight / (double)lines.Count, spoken = spokenRight / (double)unique.Count;
            output.WriteLine($"{song.Voice.Gender} voice: sung lines identified {sungRight}/{lines.Count} ({sung:P0}); " +
                $"the same voice speaking: {spokenRight}/{unique.Count} ({spoken:P0}); grammar of {unique.Count} lines + {unique.Count} distractors");
            Assert.True(sung >= 0.6, $"only {sung:P0} of sung lines identified");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string Recognise(string wav, string grammar)
    {
        string hyp = Media.Run("pocketsphinx_continuous",
            $"-infile \"{wav}\" -jsgf \"{grammar}\" -hmm {Model}/en-us -dict {Model}/cmudict-en-us.dict -logfn /dev/null");
        return Normal(hyp);
    }

    private static string Grammar(IEnumerable<string> lines)
    {
        var sb = new StringBuilder("#JSGF V1.0;\ngrammar lines;\npublic <line> = ");
        sb.Append(string.Join(" | ", lines.Distinct().Select(l => $"( {l} )")));
        return sb.Append(";\n").ToString();
    }

    private static string Normal(string text) =>
        Spaces().Replace(NotWord().Replace(text.Replace('’', '\'').ToLowerInvariant(), " "), " ").Trim();

    private static void WriteMono(string path, ReadOnlySpan<float> samples)
    {
        float peak = 1e-9f;
        foreach (var v in samples) peak = Math.Max(peak, Math.Abs(v));
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8); w.Write(36 + samples.Length * 2); w.Write("WAVEfmt "u8);
        w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(Rate); w.Write(Rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples.Length * 2);
        foreach (var v in samples) w.Write((short)Math.Round(v / peak * 0.5f * 32767));
    }

    [GeneratedRegex(@"[^a-z' ]")]
    private static partial Regex NotWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
