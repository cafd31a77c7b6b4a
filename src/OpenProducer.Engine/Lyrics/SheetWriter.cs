using System.Text;
using System.Text.RegularExpressions;

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
    internal static Mood? MoodOf(string prompt)
    {
        string p = prompt.ToLowerInvariant();
        if (Sad().IsMatch(p)) return Mood.Sad;
        if (Love().IsMatch(p)) return Mood.Love;
        if (Night().IsMatch(p)) return Mood.Night;
        if (Bright().IsMatch(p)) return Mood.Bright;
        return null;
    }

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

    [GeneratedRegex(@"\b(sad|sadness|melanchol\w*|lonely|heartbreak\w*|heartbroken|blues|tears?|grief|sorrow\w*|goodbye|farewell|crying|miss|missing)\b|悲|伤|寂寞|孤独|孤单|失恋|眼泪|离别|告别|思念|想念|分手|心碎")]
    private static partial Regex Sad();

    [GeneratedRegex(@"\b(love|loving|romantic|romance|wedding|valentine\w*|sweet\w*|darling|crush)\b|爱|浪漫|甜|心动|恋")]
    private static partial Regex Love();

    [GeneratedRegex(@"\b(night\w*|city|club|neon|midnight|disco|edm|techno|synthwave)\b|夜|城市|霓虹")]
    private static partial Regex Night();

    [GeneratedRegex(@"\b(happy|sunny|summer|upbeat|joy\w*|bright|cheerful|party|fun|hopeful|uplifting|energetic)\b|快乐|阳光|夏天|开心|欢乐|欢快")]
    private static partial Regex Bright();

    /// <summary>One sheet's vocabulary, rhyme pool and memory of what it has used.</summary>
    private sealed class Writer
    {
        /// <summary>A word for a non-final slot, with its weight in the draw; a name takes no article.</summary>
        private sealed record Fill(string Text, double Weight, bool Name);

        /// <summary>
        /// A word that can end a line: its rhyme key (English) or final (Chinese), the word that must differ between
        /// rhyming lines (the last English word, the last Chinese character), and whether it belongs to the theme.
        /// </summary>
        private sealed record End(string Text, Part Part, string Key, string Last, bool Theme, bool Name);

        /// <summary>Adjectives that only stand before a noun ("neon lights"), never at the end of "we feel so …".</summary>
        private static readonly HashSet<string> AttributiveOnly = ["neon", "midnight", "velvet", "shadowed", "salty", "little", "muddy", "cosmic", "bittersweet"];

        private static readonly string[] EnglishTimes = ["tonight", "forever", "again"];

        /// <summary>Chinese times that look back: good inside a line ("那年的风"), not after 到 or 约好在.</summary>
        private static readonly HashSet<string> PastTimes = ["那年", "从前", "当年", "小时候", "儿时", "那天", "年少时"];

        public bool Chinese { get; }
        private readonly Rng _rng;
        private readonly Mood _mood;
        private readonly List<Topic> _topics;
        private readonly List<string> _content;
        private readonly Dictionary<Part, List<Fill>> _fills = [];
        private readonly List<End> _ends = [];
        private readonly List<string> _themeWords = [];
        private readonly HashSet<string> _themeTokens = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usedLines = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usedEnds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _usedKeys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sungContent = new(StringComparer.Ordinal);
        private readonly Dictionary<LineTemplate, int> _templateUses = [];
        private readonly Dictionary<string, int> _fillUses = new(StringComparer.Ordinal);

        public Writer(string prompt, Rng rng)
        {
            _rng = rng;
            Chinese = prompt.Any(IsHan);
            var asked = MoodOf(prompt);
            _topics = TopicsOf(prompt);
            bool topicFound = _topics.Count > 0;
            _content = Chinese ? (topicFound ? [] : ChineseContent(prompt)) : EnglishContent(prompt, topicFound);
            if (!topicFound) _topics.Add(LyricTopics.ForMood(asked ?? Mood.Bright));
            _mood = asked ?? _topics[0].Mood;

            // Slot words: each topic weighs the same; mood adjectives weigh more when the prompt asked for the mood;
            // the prompt's own words weigh most when they are all the theme there is.
            foreach (var part in Enum.GetValues<Part>())
            {
                var fills = new List<Fill>();
                foreach (var topic in _topics)
                {
                    var words = Vocab(topic).Of(part);
                    fills.AddRange(words.Select(w => new Fill(w, 1.0 / words.Length, false)));
                }
                if (part == Part.Adj)
                {
                    var moodWords = Chinese ? LyricTopics.MoodAdjectivesChinese(_mood) : LyricTopics.MoodAdjectives(_mood);
                    double share = (asked is null ? 0.35 : 0.8) * _topics.Count;
                    fills.AddRange(moodWords.Select(w => new Fill(w, share / moodWords.Length, false)));
                }
                if (part == Part.Noun && _content.Count > 0)
                {
                    double share = topicFound ? 0.5 : 1.5;
                    fills.AddRange(_content.Select(w => new Fill(w, share / _content.Count, !Chinese && char.IsUpper(w[0]))));
                }
                if (part == Part.Time && !Chinese)
                    fills.AddRange(EnglishTimes.Select(w => new Fill(w, 0.3 / EnglishTimes.Length, false)));
                _fills[part] = fills;
            }

            foreach (var topic in _topics)
                foreach (var part in new[] { Part.Noun, Part.Adj, Part.Verb })
                    _themeWords.AddRange(Vocab(topic).Of(part));
            _themeWords.AddRange(_content);
            foreach (var w in _themeWords)
                foreach (var token in w.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (token.Length >= 3) _themeTokens.Add(token);

            BuildEnds();
        }

        private Vocab Vocab(Topic topic) => Chinese ? topic.Chinese : topic.English;

        /// <summary>The rhyme pool: the theme's own words first, then the general rhyme words they can pair with.</summary>
        private void BuildEnds()
        {
            var seen = new HashSet<(string, Part)>();
            void Add(string text, Part part, bool theme, bool name = false)
            {
                if (!seen.Add((text, part))) return;
                if (Chinese)
                {
                    if (part == Part.Time && PastTimes.Contains(text)) return;
                    if (Rhymes.FinalOf(text[^1]) is { } final) _ends.Add(new End(text, part, final, text[^1..], theme, false));
                    return;
                }
                if (part == Part.Adj && AttributiveOnly.Contains(text)) return;
                _ends.Add(new End(text, part, Rhymes.Key(text), Rhymes.LastWord(text), theme, name));
            }
            foreach (var (part, fills) in _fills)
                foreach (var f in fills)
                    Add(f.Text, part, theme: part != Part.Time || !EnglishTimes.Contains(f.Text), f.Name);
            if (Chinese)
                foreach (var (word, part) in Rhymes.ChineseEndWords) Add(word, part, false);
            else
                foreach (var (word, part, _) in Rhymes.FamilyWords) Add(word, part, false);
        }

        /// <summary>
        /// A section of <paramref name="count"/> lines. English: rhyming couplets, a triplet when the count is odd;
        /// Chinese: every line on one final.
        /// </summary>
        public List<string> Section(Role role, int count)
        {
            var lines = new List<string>();
            var sectionKeys = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < count;)
            {
                int group = Chinese ? count : count - i == 3 ? 3 : Math.Min(2, count - i);
                foreach (var end in PickEnds(group, sectionKeys)) lines.Add(Line(role, end, lines.Count > 0 ? lines[^1] : null));
                i += group;
            }
            return lines;
        }

        /// <summary>
        /// <paramref name="count"/> end words that rhyme with each other (distinct last words), usually anchored on a
        /// theme word, on a rhyme not yet used in this section and preferably not yet in the sheet.
        /// </summary>
        private List<End> PickEnds(int count, HashSet<string> sectionKeys)
        {
            for (int pass = 0; pass < 3; pass++)
            {
                // Pass 0 keeps end words fresh and the section's rhymes apart; later passes relax one, then both.
                var groups = _ends
                    .Where(e => pass > 0 || !_usedEnds.Contains(e.Last))
                    .GroupBy(e => e.Key)
                    .Where(g => pass > 1 || !sectionKeys.Contains(g.Key))
                    .Where(g => g.Select(e => e.Last).Distinct().Count() >= (Chinese ? Math.Min(count, 3) : count)
                                && g.Select(e => e.Text).Distinct().Count() >= count)
                    .ToDictionary(g => g.Key, g => g.ToList());
                if (groups.Count == 0) continue;

                // Anchor on a theme word, most likely one whose rhyme has more theme words to pair with.
                double Fresh(End e) => _usedKeys.Contains(e.Key) ? 0.25 : 1;
                var themeLasts = groups.ToDictionary(g => g.Key, g => g.Value.Where(e => e.Theme).Select(e => e.Last).Distinct().Count());
                double Rich(End e) => themeLasts[e.Key] >= Math.Min(count, 2) ? 4 : 1;
                var theme = groups.Values.SelectMany(g => g).Where(e => e.Theme).ToList();
                var anchor = theme.Count > 0 && _rng.Chance(0.85)
                    ? Pick(theme, e => Fresh(e) * Rich(e))
                    : Pick(groups.Values.SelectMany(g => g).ToList(), e => Fresh(e) * (e.Theme ? 2 : 1));
                var chosen = new List<End> { anchor };
                var group = groups[anchor.Key];
                while (chosen.Count < count)
                {
                    var options = group.Where(e => chosen.All(c => c.Text != e.Text) && (Chinese || chosen.All(c => c.Last != e.Last))).ToList();
                    chosen.Add(Pick(options, e => (e.Theme ? 6 : 1) * (chosen.Any(c => c.Last == e.Last) ? 0.1 : 1)));
                }
                foreach (var e in chosen) _usedEnds.Add(e.Last);
                _usedKeys.Add(anchor.Key);
                sectionKeys.Add(anchor.Key);
                // The anchor need not always come first.
                return chosen.OrderBy(_ => _rng.NextDouble()).ToList();
            }
            throw new InvalidOperationException("The lyric writer's rhyme pool is empty.");
        }

        /// <summary>The best of a few dozen filled templates ending on <paramref name="end"/>.</summary>
        private string Line(Role role, End end, string? previous)
        {
            var templates = LyricTemplates.For(Chinese, role).Where(t => t.End == end.Part && (t.Mood is null || t.Mood == _mood)).ToList();
            if (templates.Count == 0) templates = LyricTemplates.For(Chinese, role).Where(t => t.End == end.Part && t.Mood is null).ToList();
            var all = Enum.GetValues<Role>().SelectMany(r => LyricTemplates.For(Chinese, r)).Where(t => t.End == end.Part && t.Mood is null).ToList();
            int target = role == Role.Verse ? 8 : 7;
            int previousLength = previous is null ? target : Length(previous);

            string? best = null;
            LineTemplate? bestTemplate = null;
            double bestScore = double.NegativeInfinity;
            foreach (var pool in new[] { templates, all })
            {
                for (int attempt = 0; attempt < 40; attempt++)
                {
                    var template = _rng.Pick(pool);
                    if (FillTemplate(template, end) is not { } line || _usedLines.Contains(line)) continue;
                    int length = Length(line);
                    if (length < (Chinese ? 5 : 4) || length > 12) continue;
                    double score = -0.7 * Math.Abs(length - target) - 0.3 * Math.Abs(length - previousLength)
                                   + 1.5 * Math.Min(3, ThemeCount(line))
                                   - 3.0 * _templateUses.GetValueOrDefault(template)
                                   + (_content.Any(c => !_sungContent.Contains(c) && Contains(line, c)) ? 3 : 0)
                                   + _rng.NextDouble();
                    if (score > bestScore) (best, bestTemplate, bestScore) = (line, template, score);
                }
                if (best is not null) break;
            }
            // Every template failing its length check cannot happen with this vocabulary, but a line must come back.
            best ??= Chinese ? "我们一起唱着" + end.Text : Capitalize("we sing of " + end.Text);
            _usedLines.Add(best);
            foreach (var fill in _fills.Values.SelectMany(f => f).Where(f => Contains(best, f.Text)))
                _fillUses[fill.Text] = _fillUses.GetValueOrDefault(fill.Text) + 1;
            if (bestTemplate is not null) _templateUses[bestTemplate] = _templateUses.GetValueOrDefault(bestTemplate) + 1;
            foreach (var c in _content) if (Contains(best, c)) _sungContent.Add(c);
            return best;
        }

        /// <summary>Fills a template's slots, its last with the end word. Null when the vocabulary runs short.</summary>
        private string? FillTemplate(LineTemplate template, End end)
        {
            var sb = new StringBuilder();
            var used = new List<string> { end.Text };
            var slots = LineTemplate.Slot().Matches(template.Text);
            int pos = 0;
            for (int i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                sb.Append(template.Text, pos, slot.Index - pos);
                pos = slot.Index + slot.Length;
                // A name cannot follow an adjective slot ("golden Max").
                bool afterSlot = i > 0 && slots[i - 1].Index + slots[i - 1].Length == slot.Index - (Chinese ? 0 : 1);
                Fill? word = i == slots.Count - 1
                    ? new Fill(end.Text, 1, end.Name)
                    : Draw(LineTemplate.PartOf(slot.Groups[1].Value), used, allowName: !afterSlot);
                if (word is null) return null;
                if (word.Name) StripDeterminer(sb);
                sb.Append(word.Text);
                used.Add(word.Text);
            }
            string line = sb.ToString();
            return Chinese ? line : Capitalize(line);
        }

        private Fill? Draw(Part part, List<string> used, bool allowName)
        {
            // A word already sung weighs less each time, so a sheet does not lean on one adjective.
            var options = _fills[part].Where(f => (allowName || !f.Name) && !used.Any(u => Overlaps(u, f.Text))).ToList();
            return options.Count == 0 ? null : Pick(options, f => f.Weight / (1 + 2.0 * _fillUses.GetValueOrDefault(f.Text)));
        }

        /// <summary>Two fills overlap when one contains the other ("snow" and "in the snow", "雪花" and "雪").</summary>
        private bool Overlaps(string a, string b) => Chinese
            ? a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)
            : Contains(a, b) || Contains(b, a);

        /// <summary>A name stands alone: "the Max" and "my Max" lose the article.</summary>
        private static void StripDeterminer(StringBuilder sb)
        {
            foreach (var det in new[] { "the ", "my ", "your ", "our " })
            {
                if (sb.Length < det.Length) continue;
                if (sb.ToString(sb.Length - det.Length, det.Length).Equals(det, StringComparison.OrdinalIgnoreCase)
                    && (sb.Length == det.Length || sb[sb.Length - det.Length - 1] == ' '))
                {
                    sb.Length -= det.Length;
                    return;
                }
            }
        }

        /// <summary>Sung length: syllables in English, Han characters in Chinese.</summary>
        private int Length(string line) => Chinese ? line.Count(IsHan) : Syllables.Split(line).Count;

        private int ThemeCount(string line) => Chinese
            ? _themeWords.Count(w => line.Contains(w, StringComparison.Ordinal))
            : Word().Matches(line).Select(m => m.Value.ToLowerInvariant()).Distinct().Count(_themeTokens.Contains);

        /// <summary>Whether a line holds a word or phrase (whole words, any case, in English).</summary>
        private bool Contains(string line, string word) => Chinese
            ? line.Contains(word, StringComparison.Ordinal)
            : Regex.IsMatch(line, @"\b" + Regex.Escape(word) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private T Pick<T>(IReadOnlyList<T> items, Func<T, double> weight) => items[_rng.PickWeighted(items.Select(weight).ToList())];

        private static string Capitalize(string line) => line.Length == 0 ? line : char.ToUpperInvariant(line[0]) + line[1..];

        /// <summary>
        /// A short title from the chorus: an adjective and one of the chorus's theme nouns in Title Case ("Frozen
        /// Snowflakes"); in Chinese the noun alone or with its adjective (2–6 characters: "洁白的雪花").
        /// </summary>
        public string Title(IReadOnlyList<string> chorus)
        {
            string sung = string.Join("\n", chorus);
            var nouns = _fills[Part.Noun].Where(f => !f.Name && (!Chinese || f.Text.Length is >= 2 and <= 4)).ToList();
            var inChorus = nouns.Where(f => Contains(sung, f.Text)).ToList();
            string noun = Pick(inChorus.Count > 0 ? inChorus : nouns, f => f.Weight).Text;
            var adjectives = _fills[Part.Adj].Where(f => !Overlaps(f.Text, noun)).ToList();
            string adjective = adjectives.Count > 0 ? Pick(adjectives, f => f.Weight).Text : "";
            if (Chinese)
            {
                string withAdjective = adjective + "的" + noun;
                return adjective.Length > 0 && withAdjective.Length <= 6 && _rng.Chance(0.6) ? withAdjective : noun;
            }
            var words = (adjective + " " + noun).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', words.Select(Capitalize));
        }
    }
}
