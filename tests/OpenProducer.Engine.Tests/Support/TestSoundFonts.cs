namespace OpenProducer.Tests.Support;

/// <summary>Tests render with Debian's small General MIDI SoundFont: the same code path, a fraction of the load time.</summary>
public static class TestSoundFonts
{
    public const string Small = "/usr/share/sounds/sf2/TimGM6mb.sf2";

    /// <summary>Every model on the small SoundFont, its own kits included (no sampled kits).</summary>
    public static OpenProducer.Engine.EngineOptions Options => new() { StudioSoundFont = Small, FullSoundFont = Small, SmallSoundFont = Small, AcousticKit = "", RockKit = "" };
}
