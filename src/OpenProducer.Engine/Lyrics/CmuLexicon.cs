using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Lyrics;

/// <summary>
/// English syllable counts from the CMU lexicon Festival ships (Debian <c>festlex-cmu</c>): the same syllables
/// the voice will sing, so each note carries exactly one of them. Loaded once, on first use. It also gives each
/// word's rhyme key (its last stressed vowel and every sound after it), so the lyric writer can pick true rhymes.
/// </summary>
public static partial class CmuLexicon
{
    public const string DefaultPath = "/usr/share/festival/dicts/cmu/cmudict-0.4.out";

    /// <summary>One word's stress digits and rhyme key.</summary>
    internal readonly record struct Entry(string Stresses, string Rhyme);

    private static readonly Lazy<Dictionary<string, Entry>> Entries = new(() => Load(DefaultPath));

    /// <summary>The word's syllable count, or null when the lexicon is missing or does not know the word.</summary>
    public static int? Syllables(string word) => Stresses(word)?.Length;

    /// <summary>The word's stress digits, one per syllable ("10" for "happy"), or null when unknown.</summary>
    public static string? Stresses(string word) =>
        Entries.Value.TryGetValue(word.ToLowerInvariant(), out var e) ? e.Stresses : null;

    /// <summary>
    /// The word's rhyme key: the vowel of its last stressed syllable and all phones after it ("ay t" for "night"
    /// and "tonight", "eh m b er" for "December"), or null when unknown. Two words rhyme when their keys are equal.
    /// </summary>
    public static string? RhymeKey(string word) =>
        Entries.Value.TryGetValue(word.ToLowerInvariant().Trim('\''), out var e) ? e.Rhyme : null;

    /// <summary>True when the lexicon file was found and loaded.</summary>
    public static bool Available => Entries.Value.Count > 0;

    internal static Dictionary<string, Entry> Load(string path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!File.Exists(path)) return entries;
        var shared = new Dictionary<string, string>(StringComparer.Ordinal); // many words share a key: keep one copy
        foreach (var line in File.ReadLines(path))
        {
            var m = Line().Match(line);
            if (!m.Success || entries.ContainsKey(m.Groups[1].Value)) continue;
            // The first entry of a word wins (the lexicon lists its most common reading first).
            var syllables = Syllable().Matches(m.Groups[2].Value);
            string stresses = string.Concat(syllables.Select(x => x.Groups[2].Value));
            string rhyme = RhymeOf(syllables);
            if (!shared.TryGetValue(rhyme, out var key)) shared[rhyme] = key = rhyme;
            entries[m.Groups[1].Value] = new Entry(stresses, key);
        }
        return entries;
    }

    private static readonly HashSet<string> Vowels = ["aa", "ae", "ah", "ao", "aw", "ax", "ay", "eh", "er", "ey", "ih", "iy", "ow", "oy", "uh", "uw"];

    /// <summary>From the last syllable with primary or secondary stress (the last syllable when none has): its vowel on.</summary>
    private static string RhymeOf(MatchCollection syllables)
    {
        if (syllables.Count == 0) return "";
        int last = syllables.Count - 1;
        for (int i = syllables.Count - 1; i >= 0; i--)
            if (syllables[i].Groups[2].Value != "0") { last = i; break; }
        var phones = new List<string>();
        var first = syllables[last].Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        phones.AddRange(first.SkipWhile(p => !Vowels.Contains(p)));
        for (int i = last + 1; i < syllables.Count; i++)
            phones.AddRange(syllables[i].Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return string.Join(' ', phones);
    }

    [GeneratedRegex("""^\("([^"]+)" \S+ \((.*)\)\)\s*$""")]
    private static partial Regex Line();

    /// <summary>Each syllable is its phones and its stress digit: "((w ih n) 1)".</summary>
    [GeneratedRegex(@"\(\(([^()]*)\) (\d)\)")]
    private static partial Regex Syllable();
}
