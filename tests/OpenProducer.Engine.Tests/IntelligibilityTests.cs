using OpenProducer.Engine.Composition;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// Can the words be heard, and is the voice on its notes? Each voice sings the English sheet and
/// <see cref="SungLineMeasures"/> measures every line of the dry lead vocal with independent tools: aubio for
/// pitch, pocketsphinx (en-us) in closed-set mode (a JSGF grammar of the song's lines and as many distractor
/// lines: is the right line picked?) and with its open-vocabulary language model, whose word accuracy is judged
/// against the same recogniser on the same lines spoken by Festival (a recogniser trained on speech is harsh on
/// any singing; the ratio is what the voice can change).
/// </summary>
public class IntelligibilityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("m")]
    [InlineData("f")]
    public void Each_voice_sings_on_its_notes_and_its_words_are_recognised(string gender)
    {
        string sheet = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "english-sheet.txt"));
        var distractors = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "distractor-lines.txt"));
        var song = Composer.Compose(new CompositionRequest { Prompt = "pop", Seed = 21, Lyric = sheet, VocalGender = gender });
        var s = SungLineMeasures.Measure(song, distractors, output.WriteLine);
        output.WriteLine($"{song.Voice.Gender} voice ({song.Voice.Synth}, formant {song.Voice.Formant:F2}): {s.OnNote:P1} of {s.PitchedFrames} pitched frames " +
            $"within a semitone of the note; {s.ClosedSet:P0} of {s.Lines} lines identified among {s.Lines} + distractors; open-vocabulary " +
            $"word accuracy sung {s.SungWords:P0}, spoken by Festival {s.SpokenWords:P0}, ratio {s.WordRatio:F2}");
        Assert.True(s.PitchedFrames > 2000, "too few pitched frames to judge");
        Assert.True(s.OnNote >= 0.8, $"only {s.OnNote:P1} of pitched frames on the note");
        Assert.True(s.ClosedSet >= 0.8, $"only {s.ClosedSet:P0} of sung lines identified");
        Assert.True(s.SpokenWords >= 0.5, $"the spoken reference itself is recognised poorly ({s.SpokenWords:P0}): the recogniser is not working");
        Assert.True(s.WordRatio >= 0.6, $"sung words recognised at {s.WordRatio:F2} of the spoken rate");
    }
}
