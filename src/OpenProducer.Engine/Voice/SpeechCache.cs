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
    private static long _samples;

    private static readonly Dictionary<string, LinkedListNode<(string Key, (float[] Samples, int Rate, List<SpokenSyllable> Syllables) Speech)>> Index = new();
    private static readonly LinkedList<(string Key, (float[] Samples, int Rate, List<SpokenSyllable> Syllables) Speech)> Order = new();

    public static (float[] Samples, int Rate, List<SpokenSyllable> Syllables) Get(string synth, string voice, string text,
        Func<(float[] Samples, int Rate, List<SpokenSyllable> Syllables)> speak)
    {
        string key = $"{synth}|{voice}|{text}";
        lock (Order)
        {
            if (Index.TryGetValue(key, out var node))
            {
                Order.Remove(node);
                Order.AddFirst(node);
                return node.Value.Speech;
            }
        }
        var speech = speak();
        lock (Order)
        {
            if (!Index.ContainsKey(key))
            {
                Index[key] = Order.AddFirst((key, speech));
                _samples += speech.Samples.Length;
                while (_samples > MaxSamples && Order.Last is { } last)
                {
                    Order.RemoveLast();
                    Index.Remove(last.Value.Key);
                    _samples -= last.Value.Speech.Samples.Length;
                }
            }
        }
        return speech;
    }
}
