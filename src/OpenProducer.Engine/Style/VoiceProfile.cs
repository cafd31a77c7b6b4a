using System.Text.RegularExpressions;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Style;

public enum VoiceGender { Male, Female }

/// <summary>
/// The synthesiser under a voice. The diphone voices (Festival's kal and ked) sing in Festival's singing mode, on
/// the notes; the others speak the line and the spoken singer moves it onto the notes with PSOLA.
/// </summary>
public enum VoiceSynth
{
    /// <summary>Festival, kal diphone voice (US male), singing mode.</summary>
    Kal,
    /// <summary>Festival, ked diphone voice (US male), singing mode.</summary>
    Ked,
    /// <summary>Festival, the HTS voice of the CMU ARCTIC speaker slt (US female), spoken and re-sung.</summary>
    SltHts,
    /// <summary>Flite's built-in slt voice (US female), spoken and re-sung.</summary>
    FliteSlt,
    /// <summary>Flite's built-in rms voice (US male), spoken and re-sung.</summary>
    FliteRms,
    /// <summary>espeak-ng's en-us voice (male), spoken and re-sung.</summary>
    EspeakEnUs,
    /// <summary>espeak-ng's en-us voice with its female variant f3, spoken and re-sung.</summary>
    EspeakEnUsF3,
}

/// <summary>
/// Who sings: a male or a female voice and its colour. Both sing English with Flite's rms voice, spoken and re-sung
/// on the notes (measured against Festival's kal and ked diphones, Festival's HTS slt and Flite's slt, by the
/// voices bench: only rms kept both genders on their notes and their words recognisable; the sung female slt,
/// the most natural, lost four words in five to the recogniser). <see cref="Formant"/> scales the vocal tract's
/// resonances: a female voice's are 10–20% higher than a male's; we use 10%, where the recogniser still follows the
/// words (at 12% it loses a little more); a deep baritone's a little lower. The colours shape the production:
/// <see cref="Breath"/> mixes in air, <see cref="Power"/> drives and compresses harder, <see cref="Soft"/> sings
/// gentler and further back.
/// </summary>
public sealed partial record VoiceProfile(VoiceGender Gender, double Formant, double Breath, double Power, double Soft, double VibratoCents)
{
    /// <summary>The synthesiser that sings English; <see cref="Formant"/> scales its vocal tract.</summary>
    public VoiceSynth Synth { get; init; } = VoiceSynth.FliteRms;

    public static readonly VoiceProfile Male = new(VoiceGender.Male, 1.0, 0, 0, 0, 35) { Synth = VoiceSynth.FliteRms };
    public static readonly VoiceProfile Female = new(VoiceGender.Female, 1.10, 0, 0, 0, 40) { Synth = VoiceSynth.FliteRms };

    public string GenderCode => Gender == VoiceGender.Female ? "f" : "m";

    /// <summary>Whether a style text asks for a man's or a woman's voice in words.</summary>
    public static bool NamesGender(string style) => FemaleWords().IsMatch(style.ToLowerInvariant()) || MaleWords().IsMatch(style.ToLowerInvariant());

    /// <summary>
    /// The voice a request asks for: <paramref name="vocalGender"/> ("m"/"f") first, then the words of the
    /// style text ("female vocals", "男声", "deep baritone", "breathy"); otherwise the seed picks.
    /// </summary>

    public static VoiceProfile Choose(string style, string? vocalGender, Rng rng)
    {
        string text = style.ToLowerInvariant();
        bool pick = rng.Chance(0.5);
        VoiceGender gender = ParseGender(vocalGender)
            ?? (FemaleWords().IsMatch(text) ? VoiceGender.Female : MaleWords().IsMatch(text) ? VoiceGender.Male : (VoiceGender?)null)
            ?? (pick ? VoiceGender.Female : VoiceGender.Male);
        var voice = gender == VoiceGender.Female ? Female : Male;
        if (Deep().IsMatch(text) && gender == VoiceGender.Male) voice = voice with { Formant = 0.94 };
        if (Breathy().IsMatch(text)) voice = voice with { Breath = 1 };
        if (Powerful().IsMatch(text)) voice = voice with { Power = 1, VibratoCents = voice.VibratoCents + 10 };
        if (SoftWords().IsMatch(text)) voice = voice with { Soft = 1, VibratoCents = voice.VibratoCents - 10 };
        return voice;
    }

    /// <summary>"m"/"f" (or "male"/"female"); null when not given; anything else is rejected by the caller.</summary>
    public static VoiceGender? ParseGender(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "m" or "male" => VoiceGender.Male,
        "f" or "female" => VoiceGender.Female,
        _ => null,
    };

    [GeneratedRegex(@"\b(female|woman|women|girls?|lady|soprano|alto|mezzo|diva|her voice)\b|女声|女生|女歌手|女高音|女中音|少女")]
    private static partial Regex FemaleWords();

    [GeneratedRegex(@"\b(male|man|men|boys?|baritone|tenor|bass voice|his voice)\b|男声|男生|男歌手|男高音|男中音|少年")]
    private static partial Regex MaleWords();

    [GeneratedRegex(@"\b(deep|low|baritone|bass voice)\b|低沉|浑厚")]
    private static partial Regex Deep();

    [GeneratedRegex(@"\b(breathy|airy|whisper(ed|y)?|husky)\b|气声|气息|沙哑")]
    private static partial Regex Breathy();

    [GeneratedRegex(@"\b(powerful|belt(ed|ing)?|strong vocals?|soaring|anthemic)\b|有力|高亢|嘹亮")]
    private static partial Regex Powerful();

    [GeneratedRegex(@"\b(soft|gentle|tender|delicate|intimate|hushed)\b|温柔|轻柔|柔和")]
    private static partial Regex SoftWords();
}
