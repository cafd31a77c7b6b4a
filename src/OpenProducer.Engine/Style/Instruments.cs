namespace OpenProducer.Engine.Style;

/// <summary>
/// An instrument a prompt can name, the General MIDI program for it, and the part it plays. A family word
/// ("guitar", "piano") also names its whole range of programs, which a negative sound removes together.
/// </summary>
public sealed record InstrumentWord(string[] Keywords, int Program, InstrumentSlot Slot, int FamilyLow = -1, int FamilyHigh = -1)
{
    public IEnumerable<int> Programs => FamilyLow < 0 ? [Program] : Enumerable.Range(FamilyLow, FamilyHigh - FamilyLow + 1);
}

public enum InstrumentSlot { Lead, Chords, Pad, Bass }

public static class Instruments
{
    // Longer keywords first within a family so "electric guitar" wins over "guitar".
    public static readonly IReadOnlyList<InstrumentWord> Words =
    [
        new(["distorted guitar", "distortion guitar", "heavy guitar", "失真吉他", "电吉他失真"], 30, InstrumentSlot.Chords),
        new(["electric guitar", "电吉他", "電吉他"], 27, InstrumentSlot.Chords),
        new(["acoustic guitar", "木吉他", "民谣吉他", "原声吉他"], 25, InstrumentSlot.Chords),
        new(["nylon guitar", "classical guitar", "古典吉他"], 24, InstrumentSlot.Chords),
        new(["guitar", "guitars", "吉他"], 25, InstrumentSlot.Chords, 24, 31),
        new(["electric piano", "rhodes", "wurlitzer", "电钢琴"], 4, InstrumentSlot.Chords),
        new(["piano", "钢琴", "鋼琴", "keys"], 0, InstrumentSlot.Chords, 0, 7),
        new(["organ", "风琴", "管风琴", "hammond"], 16, InstrumentSlot.Chords),
        new(["synth bass", "808", "sub bass", "合成贝斯"], 38, InstrumentSlot.Bass),
        new(["upright bass", "double bass", "contrabass", "低音提琴"], 32, InstrumentSlot.Bass),
        new(["slap bass"], 36, InstrumentSlot.Bass),
        new(["bass", "贝斯", "貝斯", "低音"], 33, InstrumentSlot.Bass),
        new(["strings", "string section", "弦乐", "弦樂"], 48, InstrumentSlot.Pad, 40, 51),
        new(["choir", "合唱"], 52, InstrumentSlot.Pad),
        new(["synth pad", "pad", "warm synths", "synths", "合成器"], 89, InstrumentSlot.Pad),
        new(["violin", "小提琴", "fiddle"], 40, InstrumentSlot.Lead),
        new(["cello", "大提琴"], 42, InstrumentSlot.Lead),
        new(["saxophone", "sax", "萨克斯", "薩克斯"], 65, InstrumentSlot.Lead),
        new(["trumpet", "小号", "小號", "brass", "铜管", "horns"], 56, InstrumentSlot.Lead),
        new(["trombone", "长号"], 57, InstrumentSlot.Lead),
        new(["clarinet", "单簧管"], 71, InstrumentSlot.Lead),
        new(["dizi", "bamboo flute", "笛子", "竹笛", "箫", "xiao"], 77, InstrumentSlot.Lead),
        new(["flute", "长笛", "長笛"], 73, InstrumentSlot.Lead),
        new(["guzheng", "古筝", "古箏", "koto"], 107, InstrumentSlot.Lead),
        new(["erhu", "二胡"], 110, InstrumentSlot.Lead),
        new(["pipa", "琵琶", "shamisen"], 106, InstrumentSlot.Lead),
        new(["harp", "竖琴"], 46, InstrumentSlot.Lead),
        new(["marimba", "马林巴"], 12, InstrumentSlot.Lead),
        new(["vibraphone", "vibes", "颤音琴"], 11, InstrumentSlot.Lead),
        new(["glockenspiel", "bells", "铃铛", "钟琴", "music box", "八音盒"], 9, InstrumentSlot.Lead),
        new(["harmonica", "口琴"], 22, InstrumentSlot.Lead),
        new(["accordion", "手风琴"], 21, InstrumentSlot.Lead),
        new(["banjo", "班卓琴"], 105, InstrumentSlot.Lead),
        new(["synth lead", "lead synth", "synth leads", "synth", "电子合成"], 81, InstrumentSlot.Lead, 80, 103),
    ];

    /// <summary>Replacements, in order of preference, when a part's program was pushed away.</summary>
    public static int[] Alternatives(InstrumentSlot slot) => slot switch
    {
        InstrumentSlot.Lead => [73, 0, 65, 40, 11, 56, 81],
        InstrumentSlot.Chords => [0, 4, 25, 48, 16, 27, 46],
        InstrumentSlot.Pad => [89, 48, 52, 91, 49],
        _ => [33, 32, 38, 34],
    };

    private static readonly string[] Names =
    [
        "Acoustic Grand Piano", "Bright Acoustic Piano", "Electric Grand Piano", "Honky-tonk Piano", "Electric Piano 1",
        "Electric Piano 2", "Harpsichord", "Clavinet", "Celesta", "Glockenspiel", "Music Box", "Vibraphone", "Marimba",
        "Xylophone", "Tubular Bells", "Dulcimer", "Drawbar Organ", "Percussive Organ", "Rock Organ", "Church Organ",
        "Reed Organ", "Accordion", "Harmonica", "Tango Accordion", "Acoustic Guitar (nylon)", "Acoustic Guitar (steel)",
        "Electric Guitar (jazz)", "Electric Guitar (clean)", "Electric Guitar (muted)", "Overdriven Guitar",
        "Distortion Guitar", "Guitar Harmonics", "Acoustic Bass", "Electric Bass (finger)", "Electric Bass (pick)",
        "Fretless Bass", "Slap Bass 1", "Slap Bass 2", "Synth Bass 1", "Synth Bass 2", "Violin", "Viola", "Cello",
        "Contrabass", "Tremolo Strings", "Pizzicato Strings", "Orchestral Harp", "Timpani", "String Ensemble 1",
        "String Ensemble 2", "Synth Strings 1", "Synth Strings 2", "Choir Aahs", "Voice Oohs", "Synth Voice",
        "Orchestra Hit", "Trumpet", "Trombone", "Tuba", "Muted Trumpet", "French Horn", "Brass Section", "Synth Brass 1",
        "Synth Brass 2", "Soprano Sax", "Alto Sax", "Tenor Sax", "Baritone Sax", "Oboe", "English Horn", "Bassoon",
        "Clarinet", "Piccolo", "Flute", "Recorder", "Pan Flute", "Blown Bottle", "Shakuhachi", "Whistle", "Ocarina",
        "Lead 1 (square)", "Lead 2 (sawtooth)", "Lead 3 (calliope)", "Lead 4 (chiff)", "Lead 5 (charang)",
        "Lead 6 (voice)", "Lead 7 (fifths)", "Lead 8 (bass + lead)", "Pad 1 (new age)", "Pad 2 (warm)",
        "Pad 3 (polysynth)", "Pad 4 (choir)", "Pad 5 (bowed)", "Pad 6 (metallic)", "Pad 7 (halo)", "Pad 8 (sweep)",
        "FX 1 (rain)", "FX 2 (soundtrack)", "FX 3 (crystal)", "FX 4 (atmosphere)", "FX 5 (brightness)",
        "FX 6 (goblins)", "FX 7 (echoes)", "FX 8 (sci-fi)", "Sitar", "Banjo", "Shamisen", "Koto", "Kalimba",
        "Bagpipe", "Fiddle", "Shanai", "Tinkle Bell", "Agogo", "Steel Drums", "Woodblock", "Taiko Drum",
        "Melodic Tom", "Synth Drum", "Reverse Cymbal", "Guitar Fret Noise", "Breath Noise", "Seashore", "Bird Tweet",
        "Telephone Ring", "Helicopter", "Applause", "Gunshot",
    ];

    /// <summary>The General MIDI name of a 0-based program number.</summary>
    public static string GmName(int program) => program is >= 0 and < 128 ? Names[program] : "Unknown";
}
