using OpenProducer.Engine.Voice;
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
}
