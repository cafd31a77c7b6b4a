using System.Text.RegularExpressions;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Lyrics;

/// <summary>A lyric sheet written from a prompt: its title, its tagged text, and whether it is in Chinese.</summary>
public sealed record WrittenSheet(string Title, string Text, bool Chinese);

/// <summary>
/// The built-in, network-free lyric writer: turns a free-text prompt into a complete tagged sheet about the prompt's
/// theme, in Chinese when the prompt is written in Chinese and in English otherwise.
/// <para>
/// The prompt's keywords pick topics from <see cref="LyricTopics"/> (several may mix); its mood words colour the
/// adjectives and which templates may be used; its own content words (a pet's name, or the subject of a prompt that
/// names no topic) are carried into the lines. Each line is a <see cref="LineTemplate"/> whose slots are filled from
/// that vocabulary, the last slot taking a rhyme word chosen first: English lines rhyme in couplets (AABB), by the
/// CMU lexicon's rhyme key or, without the lexicon, by hand-made rhyme families; a Chinese section ends every line on
/// one rhyme class (押韵). Everything is drawn from the seed, so the same prompt and seed give the same sheet.
/// </para>
/// </summary>
public static partial class SheetWriter
{
    /// <summary>
    /// Writes a full sheet: [Verse] [Pre-Chorus] [Chorus] [Verse 2] [Pre-Chorus] [Chorus] [Bridge] [Chorus], the
    /// chorus (and pre-chorus) the same each time, with a short title taken from the chorus.
    /// </summary>
    public static WrittenSheet WriteSheet(string prompt, ulong seed)
    {
        prompt ??= "";
        var rng = new Rng(seed).Fork("sheet:" + prompt.Trim());
        var writer = new Writer(prompt, rng);
        // The chorus comes first: it takes the strongest theme words and gives the title.
        var chorus = writer.Section(Role.Hook, 4);
        var pre = writer.Section(Role.Hook, 2);
        var verse = writer.Section(Role.Verse, 4);
        var verse2 = writer.Section(Role.Verse, 4);
        var bridge = writer.Section(Role.Bridge, rng.Chance(0.5) ? 2 : 4);
        string text = LyricWriter.Sheet(
        [
            ("Verse", verse), ("Pre-Chorus", pre), ("Chorus", chorus),
            ("Verse 2", verse2), ("Pre-Chorus", pre), ("Chorus", chorus),
            ("Bridge", bridge), ("Chorus", chorus),
        ]);
        return new WrittenSheet(writer.Title(chorus), text, writer.Chinese);
    }

    /// <summary>
    /// Lines for a song form the composer chose: each section's kind ("Verse", "PreChorus", "Chorus", "Bridge") and
    /// line count. Every chorus sings the same lines, as does every pre-chorus of the same length.
    /// </summary>
    internal static List<List<string>> WriteSections(string prompt, IReadOnlyList<(string Kind, int Lines)> sections, Rng rng)
    {
        var writer = new Writer(prompt ?? "", rng);
        int chorusLines = sections.Where(s => s.Kind == "Chorus").Select(s => s.Lines).DefaultIfEmpty(0).Max();
        var chorus = chorusLines > 0 ? writer.Section(Role.Hook, chorusLines) : [];
        var pres = new Dictionary<int, List<string>>();
        var result = new List<List<string>>();
        foreach (var (kind, count) in sections)
        {
            result.Add(kind switch
            {
                "Chorus" => chorus.Take(count).ToList(),
                "PreChorus" => pres.TryGetValue(count, out var pre) ? pre : pres[count] = writer.Section(Role.Hook, count),
                "Bridge" => writer.Section(Role.Bridge, count),
                _ => writer.Section(Role.Verse, count),
            });
        }
        return result;
    }

    /// <summary>The mood the prompt asks for in so many words (sad, love, night, happy…), or null when it names none.</summary>
    internal static Mood? MoodOf(string prompt) => Moods.FeelingOf(prompt) switch
    {
        Feeling.Sad => Mood.Sad,
        Feeling.Love => Mood.Love,
        Feeling.Night => Mood.Night,
        Feeling.Bright => Mood.Bright,
        _ => null,
    };

    /// <summary>The topics the prompt names, in the order it names them (at most three, so each still shows).</summary>
    internal static List<Topic> TopicsOf(string prompt)
    {
        string p = prompt.ToLowerInvariant();
        var found = new List<(int At, Topic Topic)>();
        foreach (var topic in LyricTopics.All)
        {
            int at = int.MaxValue;
            if (KeyPattern(topic).Match(p) is { Success: true } m) at = m.Index;
            foreach (var key in topic.ChineseKeys)
                if (p.IndexOf(key, StringComparison.Ordinal) is >= 0 and var i && i < at) at = i;
            if (at != int.MaxValue) found.Add((at, topic));
        }
        return found.OrderBy(f => f.At).Select(f => f.Topic).Take(3).ToList();
    }

    private static readonly Dictionary<string, Regex> KeyPatterns = LyricTopics.All.ToDictionary(t => t.Name, t =>
        new Regex(@"\b(" + string.Join("|", t.Keys.Select(Regex.Escape)) + @")(s|es)?\b", RegexOptions.CultureInvariant));

    private static Regex KeyPattern(Topic topic) => KeyPatterns[topic.Name];

    private static bool IsTopicWord(string lower) => LyricTopics.All.Any(t => KeyPattern(t).IsMatch(lower));

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>
    /// The prompt's own content words in English: names (capitalised words after the first) always, other words
    /// only when no topic matched, at most two. Style, mood and function words are dropped.
    /// </summary>
    internal static List<string> EnglishContent(string prompt, bool topicFound)
    {
        var words = new List<string>();
        foreach (Match m in Word().Matches(prompt))
        {
            string raw = m.Value.Replace('’', '\'');
            if (raw.EndsWith("'s", StringComparison.OrdinalIgnoreCase)) raw = raw[..^2];
            raw = raw.Trim('\'');
            string lower = raw.ToLowerInvariant();
            if (lower.Length < 3 || StopWords.Contains(lower) || IsTopicWord(lower) || MoodOf(lower) is not null) continue;
            bool name = m.Index > 0 && char.IsUpper(raw[0]) && !raw.Skip(1).Any(char.IsUpper);
            if (topicFound && !name) continue;
            string word = name ? raw : lower;
            if (!words.Contains(word)) words.Add(word);
        }
        return words.Take(2).ToList();
    }

    /// <summary>
    /// The subject of a Chinese prompt that names no topic: the text after 关于 (or the whole prompt) without its
    /// request and style words, split at 的/和, keeping one- to four-character pieces; at most two.
    /// </summary>
    internal static List<string> ChineseContent(string prompt)
    {
        string s = prompt;
        int about = s.LastIndexOf("关于", StringComparison.Ordinal);
        if (about >= 0) s = s[(about + 2)..];
        s = new string(s.Select(c => IsHan(c) ? c : '的').ToArray());
        foreach (var stop in ChineseStopWords) s = s.Replace(stop, "的");
        return s.Split(['的', '和', '与', '跟', '及'], StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !ChinesePronouns.Contains(p))
            .Select(p => p.Length > 4 ? p[..4] : p)
            .Distinct().Take(2).ToList();
    }

    private static readonly HashSet<string> StopWords =
    [
        // function words
        "the", "and", "but", "for", "with", "about", "from", "into", "onto", "over", "under", "its", "it's", "this", "that",
        "these", "those", "our", "his", "her", "their", "you", "your", "they", "them", "she", "him", "i'm", "was", "are",
        "were", "been", "being", "have", "has", "had", "some", "something", "very", "really", "just", "please", "want",
        "wanted", "need", "called", "named", "type", "kind", "sort", "like", "feel", "feeling", "what", "when", "where",
        "who", "how", "all", "any", "more", "most", "one", "two", "three", "can", "could", "would", "should", "will",
        "then", "than", "there", "here", "not", "make", "making", "made", "create", "write", "written", "writing", "give",
        // what a song is, and how it sounds
        "song", "songs", "music", "track", "tracks", "tune", "tunes", "lyric", "lyrics", "sing", "sings", "singing",
        "singer", "vocal", "vocals", "voice", "voices", "beat", "beats", "instrumental", "style", "genre", "vibe", "vibes",
        "mood", "sound", "sounds", "bpm", "tempo", "second", "seconds", "minute", "minutes", "long", "short", "slow",
        "fast", "mid", "medium", "downbeat", "chill", "chilled", "energetic", "mellow", "soft", "hard", "heavy",
        "acoustic", "electric", "electronic", "analog", "vintage", "retro", "lush", "epic", "catchy", "groovy", "driving",
        "pop", "rock", "jazz", "blues", "hip", "hop", "hiphop", "rap", "trap", "edm", "house", "techno", "trance",
        "dubstep", "drum", "drums", "dnb", "lofi", "ambient", "classical", "orchestral", "cinematic", "folk", "country",
        "metal", "punk", "indie", "soul", "funk", "reggae", "rnb", "gospel", "ballad", "kpop", "jpop", "cpop",
        "mandopop", "cantopop", "latin", "salsa", "bossa", "nova", "afrobeat", "grunge", "emo", "synthwave", "synth",
        "synths", "synthpop", "guitar", "guitars", "piano", "bass", "violin", "cello", "strings", "saxophone", "sax",
        "trumpet", "flute", "pads", "organ", "ukulele", "harp", "choir", "upright", "grand", "female", "male", "man",
        "woman", "girl", "boy", "duet", "jingle", "intro", "outro", "verse", "chorus", "bridge", "hook", "version",
    ];

    private static readonly string[] ChineseStopWords =
    [
        "一首", "一支", "歌曲", "的歌", "歌", "写", "请", "帮我", "给我", "想要", "一个", "一些", "首", "旋律", "音乐",
        "流行", "摇滚", "民谣", "说唱", "电子", "抒情", "伤感", "欢快", "女声", "男声", "钢琴", "吉他", "节奏", "风格",
    ];

    private static readonly HashSet<string> ChinesePronouns = ["我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "自己"];

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’]*")]
    private static partial Regex Word();
}
