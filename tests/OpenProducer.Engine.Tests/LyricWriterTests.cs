using System.Text.RegularExpressions;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Lyrics;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class LyricWriterTests(ITestOutputHelper output)
{
    private const ulong Seed = 7;

    /// <summary>Each prompt with words of its theme: a sheet must use at least two of them.</summary>
    public static TheoryData<string, string[]> Prompts => new()
    {
        { "A song about winter", ["snow", "cold", "winter", "frost", "ice", "icy", "december", "frozen", "snowflakes", "fireplace", "scarf", "white", "shiver", "freeze", "pines"] },
        { "a sad love song about the ocean at night", ["ocean", "sea", "waves", "shore", "tide", "sand", "harbor", "horizon", "seagulls", "sails", "island", "shells", "night", "dark", "moonlight", "shadows", "heart", "kiss", "love"] },
        { "an upbeat summer road trip with friends", ["summer", "sun", "sunshine", "heat", "july", "road", "highway", "miles", "map", "engine", "radio", "drive", "ride", "friends", "laughter", "campfire", "crew", "breeze", "fireflies"] },
        { "a song about my dog Max", ["dog", "max", "paws", "tail", "puppy", "leash", "yard", "fur", "bark", "loyal"] },
        { "graduation day, saying goodbye to school", ["graduation", "school", "classroom", "hallway", "diploma", "yearbook", "campus", "teachers", "lockers", "classmates", "goodbye"] },
        { "一首关于冬天的歌", ["冬", "雪", "冷", "寒", "冰", "霜", "炉火", "围巾", "窗花"] },
        { "夏天的海边和朋友", ["夏", "海", "浪", "沙滩", "贝壳", "海鸥", "朋友", "伙伴", "阳光", "蝉", "笑声"] },
        { "思念故乡的月亮", ["故乡", "乡", "月", "思念", "回忆", "炊烟", "小河", "老屋", "稻田", "石桥", "童年", "往事"] },
        { "城市夜晚的霓虹", ["霓虹", "城市", "夜", "街", "灯", "高楼", "车流", "人群", "天台"] },
        { "毕业离别的青春", ["毕业", "青春", "校园", "同学", "教室", "课桌", "黑板", "操场", "少年", "告别", "单车", "梧桐"] },
    };

    private static IEnumerable<string> AllPrompts => Prompts.Select(row => (string)row[0]);

    private static bool IsChinese(string text) => text.Any(c => c is >= '\u3400' and <= '\u9FFF');

    private WrittenSheet Write(string prompt, ulong seed = Seed)
    {
        var sheet = SheetWriter.WriteSheet(prompt, seed);
        output.WriteLine($"{prompt} → 《{sheet.Title}》\n{sheet.Text}\n");
        return sheet;
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void A_sheet_has_the_song_form_with_the_chorus_sung_the_same_each_time(string prompt, string[] _)
    {
        var sheet = Write(prompt);
        var sections = LyricSheet.Parse(sheet.Text);

        Assert.Equal(IsChinese(prompt), sheet.Chinese);
        Assert.Equal(["Verse", "Pre-Chorus", "Chorus", "Verse 2", "Pre-Chorus", "Chorus", "Bridge", "Chorus"], sections.Select(s => s.Label));
        Assert.Equal(
            [SectionKind.Verse, SectionKind.PreChorus, SectionKind.Chorus, SectionKind.Verse, SectionKind.PreChorus, SectionKind.Chorus, SectionKind.Bridge, SectionKind.Chorus],
            sections.Select(s => s.Kind));
        Assert.All(sections, s => Assert.True(s.Tagged));
        Assert.All(sections.Where(s => s.Kind == SectionKind.Verse), s => Assert.Equal(4, s.Lines.Count));
        Assert.All(sections.Where(s => s.Kind == SectionKind.PreChorus), s => Assert.Equal(2, s.Lines.Count));
        Assert.All(sections.Where(s => s.Kind == SectionKind.Chorus), s => Assert.Equal(4, s.Lines.Count));
        Assert.InRange(sections.Single(s => s.Kind == SectionKind.Bridge).Lines.Count, 2, 4);

        // One chorus block, sung three times word for word; the two verses are different.
        string chorus = "[Chorus]\n" + string.Join("\n", sections.First(s => s.Kind == SectionKind.Chorus).Lines) + "\n";
        Assert.True(Regex.Count(sheet.Text + "\n", Regex.Escape(chorus)) >= 2);
        Assert.Single(sections.Where(s => s.Kind == SectionKind.Chorus).Select(s => string.Join("\n", s.Lines)).Distinct());
        Assert.NotEqual(sections[0].Lines, sections[3].Lines);
        Assert.Empty(sections[0].Lines.Intersect(sections[3].Lines));
        // Sections are set apart by a blank line.
        Assert.Equal(7, Regex.Count(sheet.Text, @"\n\n\["));
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void Every_line_is_of_singable_length_without_stray_punctuation(string prompt, string[] _)
    {
        var sheet = Write(prompt);
        foreach (var line in LyricSheet.Parse(sheet.Text).SelectMany(s => s.Lines))
        {
            if (sheet.Chinese)
            {
                Assert.Matches(@"^[\u3400-\u9FFF]+$", line);
                Assert.InRange(line.Length, 5, 12);
            }
            else
            {
                Assert.Matches(@"^[A-Za-z][A-Za-z' ,]*$", line);
                Assert.InRange(Syllables.Split(line).Count, 4, 12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void The_sheet_sings_about_the_prompt(string prompt, string[] themeWords)
    {
        var sheet = Write(prompt);
        string lyric = string.Join("\n", LyricSheet.Parse(sheet.Text).SelectMany(s => s.Lines));
        var found = sheet.Chinese
            ? themeWords.Where(w => lyric.Contains(w, StringComparison.Ordinal)).ToList()
            : themeWords.Where(w => Regex.IsMatch(lyric, $@"\b{w}\b", RegexOptions.IgnoreCase)).ToList();
        output.WriteLine("theme words: " + string.Join(", ", found));
        Assert.True(found.Count >= 2, $"only {found.Count} theme words in\n{sheet.Text}");
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void Lines_rhyme_within_each_section(string prompt, string[] _)
    {
        var sheet = Write(prompt);
        foreach (var section in LyricSheet.Parse(sheet.Text))
        {
            var lines = section.Lines;
            int pairs, rhymes;
            if (sheet.Chinese)
            {
                // 押韵: neighbouring lines end on characters of the same final.
                pairs = lines.Count - 1;
                rhymes = Enumerable.Range(0, pairs).Count(i => Rhymes.FinalOf(lines[i][^1]) is { } f && f == Rhymes.FinalOf(lines[i + 1][^1]));
            }
            else
            {
                // Couplets (AABB): lines 1-2 and 3-4 end on words with the same rhyme key.
                pairs = lines.Count / 2;
                rhymes = Enumerable.Range(0, pairs).Count(i => EnglishRhyme(lines[2 * i], lines[2 * i + 1]));
            }
            Assert.True(2 * rhymes >= pairs, $"{section.Label}: {rhymes} of {pairs} pairs rhyme\n{string.Join("\n", lines)}");
        }
    }

    /// <summary>The CMU lexicon's rhyme key of each line's last word (the writer's own fallback for unknown words).</summary>
    private static bool EnglishRhyme(string a, string b)
    {
        string Key(string line) => CmuLexicon.RhymeKey(Rhymes.LastWord(line)) ?? Rhymes.Key(line);
        return Rhymes.LastWord(a) != Rhymes.LastWord(b) && Key(a) == Key(b);
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void The_title_is_a_short_phrase(string prompt, string[] _)
    {
        var sheet = Write(prompt);
        Assert.False(string.IsNullOrWhiteSpace(sheet.Title));
        if (sheet.Chinese)
        {
            Assert.Matches(@"^[\u3400-\u9FFF]+$", sheet.Title);
            Assert.InRange(sheet.Title.Length, 2, 6);
        }
        else
        {
            var words = sheet.Title.Split(' ');
            Assert.InRange(words.Length, 1, 5);
            Assert.All(words, w => Assert.True(char.IsUpper(w[0]), $"'{sheet.Title}' is not in Title Case"));
        }
    }

    [Fact]
    public void Sheets_are_deterministic_and_differ_by_prompt_and_seed()
    {
        var sheets = AllPrompts.Select(p => SheetWriter.WriteSheet(p, Seed)).ToList();
        Assert.Equal(sheets.Count, sheets.Select(s => s.Text).Distinct().Count());
        Assert.All(AllPrompts.Zip(sheets), x => Assert.Equal(x.Second, SheetWriter.WriteSheet(x.First, Seed)));
        int differ = AllPrompts.Zip(sheets).Count(x => SheetWriter.WriteSheet(x.First, Seed + 1).Text != x.Second.Text);
        Assert.True(differ >= 9, $"only {differ} of 10 sheets change with the seed");
    }

    [Fact]
    public void A_prompt_naming_no_topic_still_carries_its_own_words()
    {
        var english = Write("a song about pancakes and Lucy").Text;
        Assert.Contains("pancakes", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Lucy", english);
        var chinese = Write("一首关于外卖小哥的歌").Text;
        Assert.Contains("外卖小哥", chinese);
    }

    [Fact]
    public void Mood_words_colour_the_lines()
    {
        string[] sad = ["lonely", "empty", "broken", "fading", "silent", "distant", "hollow", "heavy", "miss", "lost", "nothing"];
        int Count(string prompt) => Enumerable.Range(1, 4)
            .Sum(seed => Regex.Count(SheetWriter.WriteSheet(prompt, (ulong)seed).Text, $@"\b({string.Join("|", sad)})\b", RegexOptions.IgnoreCase));
        int sadCount = Count("a sad winter song"), happyCount = Count("a happy winter song");
        output.WriteLine($"sad words: sad prompt {sadCount}, happy prompt {happyCount}");
        Assert.True(sadCount > happyCount + 4);
    }

    [Fact]
    public void Prompt_only_songs_sing_about_the_prompt()
    {
        string? lyric = Composer.WrittenLyric(new CompositionRequest { Prompt = "a folk song about winter", Seed = 3, WriteLyrics = true });
        Assert.NotNull(lyric);
        output.WriteLine(lyric);
        Assert.Matches(@"(?i)\b(snow|frost|ice|icy|cold|winter|frozen|snowflakes|fireplace|december)\b", lyric);
    }

    [Fact]
    public void Rhyme_families_rhyme_in_the_lexicon_and_without_it()
    {
        foreach (var family in Rhymes.FamilyWords.GroupBy(w => w.Family))
        {
            Assert.Single(family.Select(w => Rhymes.Key(w.Word, lexicon: false)).Distinct());
            if (CmuLexicon.Available)
                Assert.Single(family.Select(w => CmuLexicon.RhymeKey(w.Word)).Distinct());
        }
        Assert.Equal(CmuLexicon.RhymeKey("tonight"), CmuLexicon.RhymeKey("light"));
        Assert.Equal("ay t", CmuLexicon.RhymeKey("night"));
        Assert.Empty(Rhymes.AmbiguousChinese());
        Assert.Equal(Rhymes.FinalOf('光'), Rhymes.FinalOf('乡'));
        Assert.NotEqual(Rhymes.FinalOf('光'), Rhymes.FinalOf('里'));
    }

    [Fact]
    public void The_lexicon_is_large_enough_to_write_from()
    {
        Assert.True(LyricTopics.All.Length >= 24);
        Assert.True(LyricTemplates.Count >= 100);
        Assert.All(LyricTopics.All, t => Assert.All(Enum.GetValues<Part>(), p =>
        {
            Assert.True(t.English.Of(p).Length >= 3, $"{t.Name} has too few English {p}s");
            Assert.True(t.Chinese.Of(p).Length >= 3, $"{t.Name} has too few Chinese {p}s");
        }));
    }
}
