using System.Globalization;
using System.Text;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Style;
using OpenProducer.Tests.Support;

namespace OpenProducer.Bench;

/// <summary>
/// Which synthesiser sings best: every candidate, as a male and as a female voice, sings the same lines (the
/// tests' English sheet on the same composition) and is measured as the tests measure it: on-note share of pitched
/// frames, closed-set line identification, and open-vocabulary word accuracy relative to Festival speaking the
/// same lines. Writes voices.md (a table) to the output folder.
/// </summary>
public static class VoiceChoice
{
    public static readonly (string Name, VoiceSynth Synth, double MaleFormant, double FemaleFormant)[] Candidates =
    [
        ("Festival kal diphone, singing mode", VoiceSynth.Kal, 1.0, 1.12),
        ("Festival ked diphone, singing mode", VoiceSynth.Ked, 1.0, 1.12),
        ("Festival HTS slt, spoken + PSOLA", VoiceSynth.SltHts, 1 / 1.12, 1.0),
        ("Flite slt, spoken + PSOLA", VoiceSynth.FliteSlt, 1 / 1.12, 1.0),
        ("Flite rms, spoken + PSOLA", VoiceSynth.FliteRms, 1.0, 1.10),
        ("espeak-ng en-us, spoken + PSOLA", VoiceSynth.EspeakEnUs, 1.0, 1.10),
        ("espeak-ng en-us+f3, spoken + PSOLA", VoiceSynth.EspeakEnUsF3, 1 / 1.12, 1.0),
    ];

    /// <summary>Runs every candidate, or only <paramref name="only"/>; <paramref name="formants"/> (male, female) overrides its formant scales.</summary>
    public static void Run(string outDir, string? only, (double Male, double Female)? formants = null)
    {
        string data = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "OpenProducer.Engine.Tests", "Data");
        string sheet = File.ReadAllText(Path.Combine(data, "english-sheet.txt"));
        var distractors = File.ReadAllLines(Path.Combine(data, "distractor-lines.txt"));
        var table = new StringBuilder("| voice | gender | formant scale | on-note (pitched frames) | closed-set lines | open words sung | open words spoken (Festival kal) | ratio |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var c in Candidates.Where(c => only is null || c.Synth.ToString().Equals(only, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var gender in new[] { "m", "f" })
            {
                var song = Composer.Compose(new CompositionRequest { Prompt = "pop", Seed = 21, Lyric = sheet, VocalGender = gender });
                double formant = gender == "m" ? formants?.Male ?? c.MaleFormant : formants?.Female ?? c.FemaleFormant;
                song = song with { Voice = song.Voice with { Synth = c.Synth, Formant = formant } };
                var started = DateTime.UtcNow;
                var s = SungLineMeasures.Measure(song, distractors, Environment.GetEnvironmentVariable("VOICES_VERBOSE") == "1" ? Console.WriteLine : null);
                string row = string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Name} | {(gender == "m" ? "male" : "female")} | {formant:F2} | {s.OnNote:P1} ({s.PitchedFrames}) | {s.ClosedSet:P0} of {s.Lines} | {s.SungWords:P0} | {s.SpokenWords:P0} | {s.WordRatio:F2} |");
                Console.WriteLine($"{row}  [{(DateTime.UtcNow - started).TotalSeconds:F0} s]");
                table.AppendLine(row);
            }
        }
        File.WriteAllText(Path.Combine(outDir, only is null ? "voices.md" : $"voices-{only.ToLowerInvariant()}.md"), table.ToString());
    }
}
