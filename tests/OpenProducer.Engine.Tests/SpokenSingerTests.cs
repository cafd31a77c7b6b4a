using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Voice;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>The spoken-and-re-sung path: Flite's speech, its syllables, and the same audio every time.</summary>
public class SpokenSingerTests(ITestOutputHelper output)
{
    [Fact]
    public void Flite_speaks_a_line_to_the_same_samples_whatever_it_spoke_before()
    {
        var first = Flite.Speak("rms", "happy days are rolling in");
        Flite.Speak("rms", "let them sink to the ocean floor");
        Flite.Speak("slt", "no more shadows no more lies");
        var again = Flite.Speak("rms", "happy days are rolling in");
        output.WriteLine($"{first.Samples.Length} samples at {first.Rate} Hz, {first.Syllables.Count} syllables");
        Assert.Equal(first.Samples, again.Samples);
        Assert.Equal(first.Syllables, again.Syllables);
    }

    [Theory]
    [InlineData("flite", "happy days are rolling in", 7)]
    [InlineData("espeak", "happy days are rolling in", 7)]
    [InlineData("flite", "every step feels like a loaded gun", 10)] // Flite says "ev-er-y"
    [InlineData("espeak", "every step feels like a loaded gun", 9)]
    public void The_spoken_syllables_are_the_words_syllables_in_order(string synth, string text, int count)
    {
        var (x, rate, syllables) = synth == "flite" ? Flite.Speak("rms", text) : Flite.SpeakEspeak("en-us", text);
        output.WriteLine(string.Join(" | ", syllables.Select(s => $"{s.Start:F2}-{s.VowelStart:F2}-{s.VowelEnd:F2}-{s.End:F2}")));
        Assert.Equal(count, syllables.Count);
        for (int i = 0; i < syllables.Count; i++)
        {
            var s = syllables[i];
            Assert.True(s.Start <= s.VowelStart && s.VowelStart < s.VowelEnd && s.VowelEnd <= s.End, $"syllable {i} out of order");
            if (i > 0) Assert.True(s.Start >= syllables[i - 1].End - 1e-6, $"syllable {i} overlaps the one before");
        }
        Assert.True(syllables[^1].End <= x.Length / (double)rate + 0.01);
    }

    /// <summary>
    /// "six fat cats", one syllable a note: each word's hissed or stopped onset is sung just before its beat and its
    /// vowel on the beat, as singers place consonants; the line starts early by the first consonant.
    /// </summary>
    [Fact]
    public void Consonants_come_before_the_beat_and_vowels_on_it()
    {
        var (speech, rate, syllables) = Flite.Speak("rms", "six fat cats");
        var notes = new List<SungNote> { new(0, 0.6, 150, "six"), new(0.6, 0.6, 170, "fat"), new(1.2, 0.6, 190, "cats") };
        var (sung, preRoll) = SpokenSinger.Sing(speech, rate, syllables, notes, new PitchContour(notes, 0));
        output.WriteLine($"{syllables.Count} spoken syllables; the line starts {preRoll * 1000:F0} ms before its first beat");
        Assert.InRange(preRoll, 0.04, 0.16);
        double Tilt(double from, double to)
        {
            var x = sung[(int)((from + preRoll) * rate)..(int)((to + preRoll) * rate)];
            var high = (float[])x.Clone();
            var low = (float[])x.Clone();
            Biquad.HighPass(3000, 0.707, rate).Process(high);
            Biquad.LowPass(1000, 0.707, rate).Process(low);
            return Media.RmsDb(high) - Media.RmsDb(low);
        }
        foreach (var note in notes)
        {
            double before = Tilt(note.Start - 0.05, note.Start - 0.01), after = Tilt(note.Start + 0.03, note.Start + 0.1);
            output.WriteLine($"\"{note.Syllable}\": high over low band {before:F1} dB in the 50 ms before its beat, {after:F1} dB just after");
            Assert.True(before >= after + 10, $"\"{note.Syllable}\": {before:F1} dB before vs {after:F1} dB after the beat");
        }
    }
}
