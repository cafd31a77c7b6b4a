using System.Globalization;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Server.Requests;

namespace OpenProducer.Server.Songs;

/// <summary>Chooses a song's title: the one given, else the first sung line, else words from the prompt.</summary>
public static class TitleMaker
{
    private static readonly HashSet<string> Filler = ["a", "an", "the", "song", "track", "piece", "music", "tune", "about", "with", "of", "for", "in", "and"];

    public static string For(AudioRequest r)
    {
        if (r.Title is not null) return r.Title;
        if (r.Custom && !string.IsNullOrWhiteSpace(r.Lyric))
        {
            var first = LyricSheet.Parse(r.Lyric).SelectMany(s => s.Lines).FirstOrDefault();
            if (first is not null) return Trim(first.TrimEnd(',', '.', '，', '。', '!', '?'), 80);
        }
        if (string.IsNullOrWhiteSpace(r.Sound)) return "Untitled";
        string phrase = r.Sound.Split([',', '.', ';', '，', '。', '；', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
        if (phrase.Any(Syllables.IsCjk)) return Trim(phrase, 16);
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // Drop leading filler ("A song for …") but keep the words that say what the song is.
        while (words.Count > 1 && Filler.Contains(words[0].ToLowerInvariant())) words.RemoveAt(0);
        var title = string.Join(' ', words.Take(6).Select(w => Filler.Contains(w.ToLowerInvariant()) ? w.ToLowerInvariant() : Capitalize(w)));
        return title.Length == 0 ? "Untitled" : Trim(title, 80);
    }

    private static string Capitalize(string w) => w.Length == 0 ? w : char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..];

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max].TrimEnd();
}
