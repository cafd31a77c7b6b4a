namespace OpenProducer.Engine;

/// <summary>Where the engine finds its SoundFonts. Debian's packages put them here.</summary>
public sealed record EngineOptions
{
    public string FullSoundFont { get; init; } = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    public string SmallSoundFont { get; init; } = "/usr/share/sounds/sf2/TimGM6mb.sf2";
    public int SampleRate { get; init; } = 44100;

    public string SoundFontFor(ModelPreset preset)
    {
        string wanted = preset.SoundFont == SoundFontChoice.Full ? FullSoundFont : SmallSoundFont;
        // A machine with only the small SoundFont still renders every model.
        return File.Exists(wanted) || !File.Exists(SmallSoundFont) ? wanted : SmallSoundFont;
    }
}
