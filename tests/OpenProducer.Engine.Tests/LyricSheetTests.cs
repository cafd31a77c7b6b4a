using OpenProducer.Engine.Lyrics;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class LyricSheetTests
{
    [Fact]
    public void English_and_chinese_tags_split_the_sheet_into_sections()
    {
        var s = LyricSheet.Parse("[Verse]\nline one\nline two\n[Chorus]\nhook\n【主歌 A】\n窗外的雨\n【副歌】\n时光里的我们\n【尾声】\n再见");
        Assert.Equal(["Verse", "Chorus", "主歌 A", "副歌", "尾声"], s.Select(x => x.Label));
        Assert.Equal([SectionKind.Verse, SectionKind.Chorus, SectionKind.Verse, SectionKind.Chorus, SectionKind.Outro], s.Select(x => x.Kind));
        Assert.Equal(2, s[0].Lines.Count);
    }

    [Fact]
    public void Tags_running_into_text_and_escaped_newlines_are_handled()
    {
        var s = LyricSheet.Parse("[Verse]Woke up with the sun\\nNo clouds above[Chorus]Happy days");
        Assert.Equal(2, s.Count);
        Assert.Equal(["Woke up with the sun", "No clouds above"], s[0].Lines);
        Assert.Equal(["Happy days"], s[1].Lines);
    }

    [Fact]
    public void Untagged_text_is_a_verse_and_empty_tags_still_count()
    {
        var s = LyricSheet.Parse("just words\n[Instrumental]\n[Pre-Chorus]\nrising");
        Assert.Equal([SectionKind.Verse, SectionKind.Instrumental, SectionKind.PreChorus], s.Select(x => x.Kind));
        Assert.False(s[0].Tagged);
        Assert.Empty(s[1].Lines);
    }

    [Fact]
    public void Chinese_is_one_syllable_per_character_and_english_counts_vowel_groups()
    {
        Assert.Equal(5, Syllables.Split("窗外的雨轻").Count);
        Assert.Equal(7, Syllables.Split("Happy days are rolling in").Count);
    }
}

[Trait("Category", "Fast")]
public class CmuLexiconTests
{
    [Theory]
    [InlineData("fire", 2)]
    [InlineData("beautiful", 3)]
    [InlineData("Happy", 2)]
    [InlineData("the", 1)]
    public void English_syllables_come_from_the_lexicon_the_voice_sings_with(string word, int syllables)
    {
        Assert.Equal(syllables, CmuLexicon.Syllables(word));
        Assert.Equal(syllables, Syllables.Split(word).Count);
    }

    [Fact]
    public void Words_the_lexicon_does_not_know_fall_back_to_vowel_groups()
    {
        Assert.Null(CmuLexicon.Syllables("zorblaxitude"));
        Assert.Equal(4, Syllables.Split("zorblaxitude").Count);
    }
}
