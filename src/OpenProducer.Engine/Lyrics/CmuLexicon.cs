using System.Text.RegularExpressions;

namespace OpenProducer.Engine.Lyrics;

/// <summary>
/// English syllable counts from the CMU lexicon Festival ships (Debian <c>festlex-cmu</c>): the same syllables
/// the voice will sing, so each note carries exactly one of them. Loaded once, on first use.
/// </summary>
public static partial class CmuLexicon
{
    public const string DefaultPath = "/usr/share/festival/dicts/cmu/cmudict-0.4.out";

    private static readonly Lazy<Dictionary<string, string>> Patterns = new(() => Load(DefaultPath));

    /// <summary>The word's syllable count, or null when the lexicon is missing or does not know the word.</summary>
    public static int? Syllables(string word) => Stresses(word)?.Length;

    /// <summary>The word's stress digits, one per syllable ("10" for "happy"), or null when unknown.</summary>
    public static string? Stresses(string word) =>
        Patterns.Value.TryGetValue(word.ToLowerInvariant(), out var p) ? p : null;

    internal static Dictionary<string, string> Load(string path)
    {
        var counts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return counts;
        foreach (var line in File.ReadLines(path))
        {
            var m = Entry().Match(line);
            if (!m.Success) continue;
            // The first entry of a word wins (the lexicon lists its most common reading first).
            counts.TryAdd(m.Groups[1].Value, string.Concat(Stress().Matches(m.Groups[2].Value).Select(x => x.Groups[1].Value)));
        }
        return counts;
    }

    [GeneratedRegex("""^\("([^"]+)" \S+ \((.*)\)\)\s*$""")]
    private static partial Regex Entry();

    /// <summary>Each syllable closes with its stress digit: ") 0)", ") 1)" or ") 2)".</summary>
    [GeneratedRegex(@"\) (\d)\)")]
    private static partial Regex Stress();
}
