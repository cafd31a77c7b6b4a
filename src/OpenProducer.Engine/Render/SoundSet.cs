using OpenProducer.Engine.Composition;

namespace OpenProducer.Engine.Render;

/// <summary>A drum kit as a SoundFont file, bank and preset.</summary>
public sealed record KitSource(string Path, int Bank, int Preset);

/// <summary>
/// Where every part's sound comes from in one render: one SoundFont for the pitched parts (General MIDI programs,
/// bank 0) and, for each kit a drum part may ask for, a SoundFont, bank and preset.
/// </summary>
public sealed record SoundSet(string Melodic, IReadOnlyDictionary<DrumKit, KitSource> Kits)
{
    /// <summary>The GS kit numbers the General MIDI SoundFonts here share (FluidR3, TimGM6mb, MuseScore_General).</summary>
    private static readonly Dictionary<DrumKit, int> GsKits = new()
    {
        [DrumKit.Standard] = 0, [DrumKit.Acoustic] = 0, [DrumKit.Room] = 8, [DrumKit.Rock] = 16, [DrumKit.Electronic] = 24,
        [DrumKit.Tr808] = 25, [DrumKit.Jazz] = 32, [DrumKit.Brush] = 40, [DrumKit.Orchestra] = 48,
    };

    /// <summary>Everything from one General MIDI SoundFont, its GS drum kits included.</summary>
    public static SoundSet General(string path) => new(path, GsKits.ToDictionary(k => k.Key, k => new KitSource(path, 128, k.Value)));

    /// <summary>A General MIDI SoundFont with some kits replaced by sampled kits (each the first preset of its own file).</summary>
    public static SoundSet WithSampledKits(string path, IReadOnlyDictionary<DrumKit, string> sampled)
    {
        var kits = GsKits.ToDictionary(k => k.Key, k => new KitSource(path, 128, k.Value));
        foreach (var (kit, file) in sampled) kits[kit] = new KitSource(file, 0, 0);
        return new SoundSet(path, kits);
    }

    /// <summary>The GS program number of a kit, for players that pick drum kits by program change (the MIDI export).</summary>
    public static int GsProgram(DrumKit kit) => GsKits.GetValueOrDefault(kit);

    /// <summary>The SoundFont file, bank and preset that play a part: its kit's for drums, its General MIDI program's otherwise.</summary>
    public (string File, int Bank, int Preset) PresetFor(Track track)
    {
        if (!track.IsDrums) return (Melodic, 0, track.Program);
        var kit = KitFor(track.Kit);
        return (kit.Path, kit.Bank, kit.Preset);
    }

    public KitSource KitFor(DrumKit kit) => Kits.TryGetValue(kit, out var k) ? k : Kits.TryGetValue(DrumKit.Standard, out var s) ? s : new KitSource(Melodic, 128, 0);

    /// <summary>Every file this set loads, the melodic one first.</summary>
    public IReadOnlyList<string> Files => new[] { Melodic }.Concat(Kits.Values.Select(k => k.Path)).Distinct().ToList();

    /// <summary>Identifies the loaded state a synth needs: two sets with the same files share pooled synths.</summary>
    public string Key => string.Join("|", Files);
}
