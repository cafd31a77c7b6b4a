using System.Text;
using System.Text.RegularExpressions;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Lyrics;

public static partial class SheetWriter
{
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
