namespace OpenProducer.Tests.Support;

/// <summary>Tests render with Debian's small General MIDI SoundFont: the same code path, a fraction of the load time.</summary>
public static class TestSoundFonts
{
    public const string Small = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    public static OpenProducer.Engine.EngineOptions Options => new() { FullSoundFont = Small, SmallSoundFont = Small };
}
