using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Flite (Debian <c>flite</c>), in-process: speaks a line with one of its built-in voices and reads the phones' end
/// times from the utterance, from which the syllables are found: each vowel is a nucleus, a lone consonant between vowels
/// opens the next syllable, a cluster gives its first consonant to the syllable before.
/// </summary>
public static class Flite
{
    private static readonly HashSet<string> Vowels = ["aa", "ae", "ah", "ao", "aw", "ax", "axr", "ay", "eh", "er", "ey", "ih", "iy", "ow", "oy", "uh", "uw"];
    private static readonly Dictionary<string, nint> Voices = [];

    /// <summary>Speaks <paramref name="text"/> with a built-in voice ("rms", "slt"): mono samples, their rate, and the syllables.</summary>
    public static unsafe (float[] Samples, int Rate, List<SpokenSyllable> Syllables) Speak(string voiceName, string text)
    {
        // espeak-ng's lock: both libraries draw noise from the C library's rand(), whose state is the process's, so
        // they must not interleave for Flite's seeded noise to repeat (FluidSynth calls rand() only at its first start).
        lock (Espeak.Gate)
        {
            nint voice = Voice(voiceName);
            FliteNative.SeedRand(0x5eed);
            nint utt = FliteNative.SynthText(text, voice);
            if (utt == 0) throw new EngineException($"flite could not speak \"{text}\"");
            try
            {
                var wave = FliteNative.UttWave(utt);
                var samples = new float[wave->NumSamples];
                for (int i = 0; i < samples.Length; i++) samples[i] = wave->Samples[i * wave->NumChannels] / 32768f;
                var phones = new List<(string, double)>();
                for (nint seg = FliteNative.RelationHead(FliteNative.UttRelation(utt, "Segment")); seg != 0; seg = FliteNative.ItemNext(seg))
                    phones.Add((System.Runtime.InteropServices.Marshal.PtrToStringUTF8(FliteNative.ItemFeatString(seg, "name")) ?? "pau", FliteNative.ItemFeatFloat(seg, "end")));
                return (samples, wave->SampleRate, Syllabify(phones));
            }
            finally { FliteNative.DeleteUtterance(utt); }
        }
    }

    private static nint Voice(string name)
    {
        if (Voices.TryGetValue(name, out nint v)) return v;
        try
        {
            if (Voices.Count == 0) _ = FliteNative.Init();
            v = name == "slt" ? FliteNative.RegisterSlt(0) : FliteNative.RegisterRms(0);
        }
        catch (DllNotFoundException e)
        {
            throw new EngineException("libflite not found: run ./producer serve (it installs flite)", e);
        }
        if (v == 0) throw new EngineException($"flite has no voice {name}");
        return Voices[name] = v;
    }

    /// <summary>
    /// English spoken by espeak-ng (<paramref name="voiceName"/>, e.g. en-us or the female variant en-us+f3), with
    /// syllables from its phoneme events found as for Flite's phones (a vowel is a phoneme whose name starts with a
    /// vowel letter, @, 3 or V).
    /// </summary>
    public static (float[] Samples, int Rate, List<SpokenSyllable> Syllables) SpeakEspeak(string voiceName, string text)
    {
        var (x, rate, events) = Espeak.SpeakTimed(voiceName, text, 50, 150);
        var timed = new List<(string, double)>();
        for (int i = 0; i < events.Count; i++)
        {
            double end = i + 1 < events.Count ? events[i + 1].Ms / 1000.0 : x.Length / (double)rate;
            string name = events[i].Name.Length == 0 || events[i].Name.StartsWith('_') ? "pau" : events[i].Name;
            timed.Add(("aeiouAEIOU@3V0".Contains(name[0]) && name != "pau" ? "ax" : name, end));
        }
        return (x, rate, Syllabify(timed));
    }

    /// <summary>Syllables from the phones and their end times.</summary>
    internal static List<SpokenSyllable> Syllabify(IReadOnlyList<(string Phone, double End)> timed)
    {
        var phones = new List<(string Phone, double Start, double End)>();
        double t = 0;
        foreach (var (phone, end) in timed)
        {
            phones.Add((phone, t, end));
            t = end;
        }
        var nuclei = Enumerable.Range(0, phones.Count).Where(i => Vowels.Contains(phones[i].Phone)).ToList();
        var result = new List<SpokenSyllable>();
        for (int n = 0; n < nuclei.Count; n++)
        {
            int v = nuclei[n], prevV = n > 0 ? nuclei[n - 1] : -1, nextV = n + 1 < nuclei.Count ? nuclei[n + 1] : phones.Count;
            int from = v;
            while (from - 1 > prevV && phones[from - 1].Phone != "pau") from--;
            // Between two nuclei with no pause, a cluster's first consonant closes the syllable before.
            if (n > 0 && from == prevV + 1 && v - prevV - 1 >= 2) from = prevV + 2;
            int to = v;
            while (to + 1 < nextV && phones[to + 1].Phone != "pau") to++;
            bool pauseAfter = to + 1 < nextV;
            if (n + 1 < nuclei.Count && !pauseAfter) to = nextV - v - 1 >= 2 ? v + 1 : v;
            result.Add(new SpokenSyllable(phones[from].Start, phones[v].Start, phones[v].End, phones[to].End));
        }
        return result;
    }
}
