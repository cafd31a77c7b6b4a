namespace OpenProducer.Engine.Style;

/// <summary>Which SoundFont a preset renders with: MuseScore_General and sampled kits, FluidR3, or TimGM6mb.</summary>
public enum SoundFontChoice { Studio, Full, Small }

/// <summary>
/// What a FUZZ model name means to our engine: arrangement density (how many parts play and how busy),
/// render quality (SoundFont) and looseness of timing and dynamics.
/// </summary>
public sealed record ModelPreset(string Model, SoundFontChoice SoundFont, double Density, double Humanize, bool Pad, bool Counter)
{
    public static readonly IReadOnlyList<ModelPreset> All =
    [
        new("FUZZ-2.0 Pro", SoundFontChoice.Studio, 1.0, 0.6, Pad: true, Counter: true),
        new("FUZZ-2.0", SoundFontChoice.Studio, 0.9, 0.5, Pad: true, Counter: false),
        new("FUZZ-2.0 Raw", SoundFontChoice.Studio, 0.7, 1.0, Pad: false, Counter: false),
        new("FUZZ-1.1 Pro", SoundFontChoice.Full, 0.85, 0.5, Pad: true, Counter: false),
        new("FUZZ-1.1", SoundFontChoice.Small, 0.8, 0.5, Pad: true, Counter: false),
        new("FUZZ-1.0 Pro", SoundFontChoice.Small, 0.75, 0.4, Pad: true, Counter: false),
        new("FUZZ-1.0", SoundFontChoice.Small, 0.65, 0.4, Pad: false, Counter: false),
        new("FUZZ-0.8", SoundFontChoice.Small, 0.5, 0.3, Pad: false, Counter: false),
    ];

    public const string DefaultModel = "FUZZ-2.0";

    public static ModelPreset? Find(string model) => All.FirstOrDefault(p => p.Model == model);
}
