using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Lyrics;

/// <summary>Splits a lyric line into sung syllables: one per CJK character, vowel groups for Latin words.</summary>
public static partial class Syllables
{
    public static IReadOnlyList<string> Split(string line)
    {
        var result = new List<string>();
        foreach (Match m in Token().Matches(line))
        {
            string t = m.Value;
            if (IsCjk(t[0])) { result.Add(t); continue; }
            int n = CountEnglish(t);
            if (n <= 1) { result.Add(t); continue; }
            // Even split by letters: good enough for timing; the voice engine re-syllabifies properly.
            int size = (int)Math.Ceiling(t.Length / (double)n);
            for (int i = 0; i < t.Length; i += size) result.Add(t.Substring(i, Math.Min(size, t.Length - i)));
        }
        return result;
    }

    /// <summary>
    /// Which of <see cref="Split"/>'s syllables carry stress: the lexicon's primary and secondary stress for
    /// English (the first syllable of an unknown word), never a short function word; every Chinese character.
    /// </summary>
    public static IReadOnlyList<bool> Stresses(string line)
    {
        var result = new List<bool>();
        foreach (Match m in Token().Matches(line))
        {
            string t = m.Value;
            if (IsCjk(t[0])) { result.Add(true); continue; }
            int n = Math.Max(1, CountEnglish(t));
            if (n == 1) { result.Add(!FunctionWords.Contains(t.ToLowerInvariant())); continue; }
            string pattern = CmuLexicon.Stresses(t) ?? "1" + new string('0', n - 1);
            for (int i = 0; i < n; i++) result.Add(i < pattern.Length && pattern[i] != '0');
        }
        return result;
    }

    private static readonly HashSet<string> FunctionWords =
    [
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as",
        "is", "are", "was", "be", "am", "i'm", "it's", "its", "it", "my", "your", "our", "his", "her", "their",
        "me", "you", "we", "us", "them", "he", "she", "they", "i", "that", "this", "so", "if", "than", "then",
    ];

    /// <summary>Lines a singer can sing: Chinese (Han characters), or English (Latin letters and no other CJK script).</summary>
    public static bool Singable(string line) => line.Any(IsHan) || (line.Any(char.IsAsciiLetter) && !line.Any(IsCjk));

    public static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';

    internal static int CountEnglish(string word)
    {
        if (CmuLexicon.Syllables(word) is int known && known > 0) return known;
        string w = word.ToLowerInvariant().Trim('\'');
        if (w.Length <= 3) return 1;
        int count = VowelGroup().Count(w);
        if (w.EndsWith('e') && !w.EndsWith("le") && count > 1) count--;
        if (w.EndsWith("es") || w.EndsWith("ed")) { if (count > 1 && !w.EndsWith("ted") && !w.EndsWith("ded")) count--; }
        return Math.Max(1, count);
    }

    [GeneratedRegex(@"[\u3400-\u9FFF\uF900-\uFAFF\u3040-\u30FF\uAC00-\uD7AF]|[\p{L}\p{N}']+")]
    private static partial Regex Token();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
