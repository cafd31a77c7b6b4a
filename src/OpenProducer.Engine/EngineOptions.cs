using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine;

/// <summary>Where the engine finds its SoundFonts. Debian's packages put them here.</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// MuseScore_General, the maintained General MIDI set the FUZZ-2.0 family plays, as its lossless SoundFont 2: the
    /// same instruments as the .sf3 without the Vorbis coding, read in about two seconds where the .sf3 takes ten to
    /// decode (kept loaded either way).
    /// </summary>
    public string StudioSoundFont { get; init; } = "/usr/share/sounds/sf2/MuseScore_General_Full.sf2";
    public string FullSoundFont { get; init; } = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    public string SmallSoundFont { get; init; } = "/usr/share/sounds/sf2/TimGM6mb.sf2";
    /// <summary>Sampled acoustic kits (multi-velocity): the FUZZ-2.0 family's kits for acoustic genres. Empty: the SoundFont's own kits.</summary>
    public string AcousticKit { get; init; } = "/usr/share/sounds/sf2/Black_Pearl_4_LV2.sf2";
    public string RockKit { get; init; } = "/usr/share/sounds/sf2/Red_Zeppelin_4_LV2.sf2";
    public int SampleRate { get; init; } = 44100;

    /// <summary>The folder users' recordings are kept under (a recording names its file relative to it).</summary>
    public string RecordingsDir { get; init; } = "";

    /// <summary>Where songs' audio is kept once made, so edits, stems and files reuse it; null renders every source again.</summary>
    public IKeptAudio? Kept { get; init; }

    /// <summary>The melodic SoundFont a preset renders with (the first of its choices that is installed).</summary>
    public string SoundFontFor(ModelPreset preset)
    {
        string[] wanted = preset.SoundFont switch
        {
            SoundFontChoice.Studio => [StudioSoundFont, FullSoundFont, SmallSoundFont],
            SoundFontChoice.Full => [FullSoundFont, SmallSoundFont],
            _ => [SmallSoundFont],
        };
        // A machine with only the small SoundFont still renders every model.
        return wanted.FirstOrDefault(File.Exists) ?? wanted[0];
    }

    /// <summary>Everything a preset's render loads: its melodic SoundFont and, for the studio family, the sampled kits.</summary>
    public SoundSet SoundsFor(ModelPreset preset)
    {
        string melodic = SoundFontFor(preset);
        if (preset.SoundFont != SoundFontChoice.Studio) return SoundSet.General(melodic);
        var sampled = new Dictionary<DrumKit, string>();
        if (File.Exists(AcousticKit)) sampled[DrumKit.Acoustic] = AcousticKit;
        if (File.Exists(RockKit)) sampled[DrumKit.Rock] = RockKit;
        return SoundSet.WithSampledKits(melodic, sampled);
    }
}
