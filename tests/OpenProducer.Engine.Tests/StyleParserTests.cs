using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class StyleParserTests
{
    [Theory]
    [InlineData("A relaxing jazz piece for a coffee shop", "jazz")]
    [InlineData("dark rock anthem", "rock")]
    [InlineData("一首欢快的流行歌曲", "pop")]
    [InlineData("爵士 钢琴", "jazz")]
    [InlineData("摇滚", "rock")]
    [InlineData("古风 笛子", "chinese traditional")]
    [InlineData("民谣 吉他", "folk")]
    [InlineData("电子舞曲", "electronic")]
    [InlineData("A song for Christmas", "christmas")]
    [InlineData("bossa nova by the beach", "bossa nova")]
    [InlineData("relaxing disco song for a wedding", "disco")]
    [InlineData("relaxing hip hop track with violin", "hip hop")]
    [InlineData("relaxing piano music", "ambient")]
    [InlineData("dance pop for the radio", "pop")]
    [InlineData("chinese ballad", "ballad")]
    public void The_genre_named_in_english_or_chinese_is_recognised(string prompt, string genre) =>
        Assert.Equal(genre, StyleParser.Parse(prompt).Genre.Name);

    [Theory]
    [InlineData("一首难过的歌", Feeling.Sad)]
    [InlineData("sad pop anthem", Feeling.Sad)]
    [InlineData("a sad summer love song", Feeling.Sad)]
    [InlineData("triumphant orchestral anthem", Feeling.Bright)]
    [InlineData("romantic bossa nova", Feeling.Love)]
    [InlineData("neon city synthwave", Feeling.Night)]
    [InlineData("a song about my dog", null)]
    public void The_words_take_their_feeling_from_the_same_mood_words_as_the_music(string prompt, Feeling? feeling)
    {
        Assert.Equal(feeling, Moods.FeelingOf(prompt));
        // A word that makes the music sad (minor, slower) makes the words sad too, in either language.
        if (feeling == Feeling.Sad && !prompt.Contains("summer")) Assert.True(StyleParser.Parse(prompt).Minor, prompt);
    }

    [Fact]
    public void Numbers_in_the_prompt_are_honoured()
    {
        var s = StyleParser.Parse("a waltz in D minor at 92 bpm, 45 seconds");
        Assert.Equal(92, s.Tempo);
        Assert.Equal(2, s.KeyRoot);
        Assert.True(s.Minor);
        Assert.Equal(3, s.BeatsPerBar);
        Assert.Equal(45, s.TargetSeconds);
    }

    [Theory]
    [InlineData("F# major", 6, false)]
    [InlineData("in Bb minor", 10, true)]
    [InlineData("key of Eb major", 3, false)]
    public void Keys_with_accidentals_are_read(string prompt, int root, bool minor)
    {
        var s = StyleParser.Parse(prompt);
        Assert.Equal(root, s.KeyRoot);
        Assert.Equal(minor, s.Minor);
    }

    [Fact]
    public void Named_instruments_take_their_parts()
    {
        var s = StyleParser.Parse("jazz with saxophone and upright bass and electric piano");
        Assert.Equal(65, s.LeadProgram);
        Assert.Equal(32, s.BassProgram);
        Assert.Equal(4, s.ChordsProgram);
        var zh = StyleParser.Parse("古筝 二胡 钢琴");
        Assert.Equal(107, zh.LeadProgram);
        Assert.Equal(0, zh.ChordsProgram);
    }

    [Fact]
    public void Electric_guitar_is_not_also_read_as_plain_guitar()
    {
        var s = StyleParser.Parse("electric guitar solo");
        Assert.Equal([27], s.NamedPrograms);
    }

    [Theory]
    [InlineData("lofi beat with no drums")]
    [InlineData("ambient drone")]
    [InlineData("流行 不要鼓")]
    public void Drums_can_be_left_out(string prompt) => Assert.False(StyleParser.Parse(prompt).Drums);

    [Fact]
    public void Sad_songs_lean_minor_and_slower()
    {
        var sad = StyleParser.Parse("a sad pop song");
        var happy = StyleParser.Parse("a happy pop song");
        Assert.True(sad.Minor);
        Assert.False(happy.Minor);
        Assert.True(sad.TempoShift < happy.TempoShift);
    }
}
