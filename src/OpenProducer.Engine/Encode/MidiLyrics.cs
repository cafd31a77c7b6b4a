using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Encode;

/// <summary>
/// The text of each lyric event of a sung line, as the MIDI Association's lyric practice (RP-017) asks, so
/// karaoke displays and DAWs show words rather than a run of syllables: one event per syllable, a space at the end
/// of every word (an event without one continues its word in the next), punctuation kept at the end of its
/// syllable before the space. Chinese characters are not spaced apart; a space in the line still ends a phrase.
/// </summary>
internal static class MidiLyrics
{
    public static List<string> Display(string line, IReadOnlyList<string> syllables)
    {
        var texts = new List<string>(syllables.Count);
        int at = 0;
        foreach (string syllable in syllables)
        {
            int found = syllable.Length == 0 ? -1 : line.IndexOf(syllable, at, StringComparison.Ordinal);
            // A syllable the line does not spell (an edit's words set to another tune) is written as it is.
            if (found < 0)
            {
                texts.Add(syllable);
                continue;
            }
            int end = found + syllable.Length;
            bool cjk = Syllables.IsCjk(syllable[0]);
            if (!cjk && end < line.Length && InWord(line[end]))
            {
                texts.Add(syllable);
                at = end;
                continue;
            }
            int after = end;
            while (after < line.Length && !char.IsWhiteSpace(line[after]) && !InWord(line[after]) && !Syllables.IsCjk(line[after])) after++;
            bool wordEnds = !cjk || after == line.Length || char.IsWhiteSpace(line[after]);
            texts.Add(line[found..after] + (wordEnds ? " " : ""));
            at = after;
        }
        return texts;
    }

    /// <summary>The characters the syllable splitter keeps inside a word.</summary>
    private static bool InWord(char c) => char.IsLetterOrDigit(c) && !Syllables.IsCjk(c) || c == '\'';
}
