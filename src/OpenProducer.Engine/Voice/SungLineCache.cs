using System.Globalization;
using System.Text;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Voice;

/// <summary>
/// Recently sung lines, by everything that decides their audio (words, notes, voice, sample rate). Singing is
/// deterministic, so a hit is the same audio the synthesiser would give; edits and stems make a song's voice again
/// and mostly sing lines already sung. Bounded by total samples; the least recently used line goes first.
/// </summary>
internal static class SungLineCache
{
    private const long MaxSamples = 16L << 20; // 64 MiB of float samples

    private static readonly SampleCache<(float[] Samples, double Offset)> Lines = new(MaxSamples, l => l.Samples);

    public static string Key(string engine, string text, IEnumerable<SungNote> notes, VoiceProfile voice, int sampleRate)
    {
        var b = new StringBuilder(engine).Append('|').Append(text).Append('|').Append(voice).Append('|').Append(sampleRate);
        foreach (var n in notes)
            b.Append('|').Append(n.Start.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(n.Seconds.ToString("R", CultureInfo.InvariantCulture))
                .Append(',').Append(n.Hz.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(n.Syllable);
        return b.ToString();
    }

    /// <summary>The line's samples and where they start relative to its first note (seconds), if sung recently.</summary>
    public static bool TryGet(string key, out float[] samples, out double offset)
    {
        bool found = Lines.TryGet(key, out var line);
        (samples, offset) = found ? line : ([], 0);
        return found;
    }

    /// <summary>Forgets every line (benchmarks time singing from cold).</summary>
    public static void Clear() => Lines.Clear();

    /// <summary>Keeps a sung line, unless it alone would take a quarter of the cache.</summary>
    public static void Add(string key, float[] samples, double offset)
    {
        if (samples.Length <= MaxSamples / 4) Lines.Add(key, (samples, offset));
    }
}
