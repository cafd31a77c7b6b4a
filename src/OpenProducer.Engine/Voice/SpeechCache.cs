namespace OpenProducer.Engine.Voice;

/// <summary>
/// Lines recently spoken, by synthesiser, voice and words. Speaking is seeded, so a repeated line (a chorus sung
/// again, the harmony that sings the lead's words a third above) is the same speech: it is re-sung onto its new
/// notes, not spoken again. The synthesisers hold one process-wide lock, so each line not spoken again is time every
/// other song waits less. The speech is shared: callers read it and never change it. Bounded by samples; the least
/// recently used goes first.
/// </summary>
internal static class SpeechCache
{
    private const long MaxSamples = 8L << 20; // 32 MiB of float samples

    private static readonly SampleCache<(float[] Samples, int Rate, List<SpokenSyllable> Syllables)> Lines = new(MaxSamples, l => l.Samples);

    public static (float[] Samples, int Rate, List<SpokenSyllable> Syllables) Get(string synth, string voice, string text,
        Func<(float[] Samples, int Rate, List<SpokenSyllable> Syllables)> speak)
    {
        string key = $"{synth}|{voice}|{text}";
        if (Lines.TryGet(key, out var speech)) return speech;
        speech = speak();
        Lines.Add(key, speech);
        return speech;
    }

    /// <summary>Forgets every line (benchmarks time speaking from cold).</summary>
    public static void Clear() => Lines.Clear();
}
