using OpenProducer.Engine.Art;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Video;

namespace OpenProducer.Engine.Tests;

/// <summary>The karaoke subtitles of a music video, and the covers songs get.</summary>
public class VideoAndArtTests
{
    private static readonly TimedLine Line = new("Snow is falling, all around", 10, 13,
    [
        new("Snow", 10, 10.5), new("is", 10.5, 11), new("fall", 11, 11.4), new("ing", 11.4, 11.8), new("all", 12, 12.3), new("a", 12.3, 12.6), new("round", 12.6, 13),
    ]);

    [Fact]
    public void Karaoke_fills_each_syllable_over_its_note_and_keeps_the_lines_spaces_and_punctuation()
    {
        string k = LyricVideo.Karaoke(Line, shownFrom: 9.2);
        // Wait 0.8 s, then one fill per note; the gap before "all" is a wait.
        Assert.Equal(@"{\k80}{\kf50}Snow{\kf50} is{\kf40} fall{\kf40}ing{\k20}{\kf30}, all{\kf30} a{\kf40}round", k);
        string text = System.Text.RegularExpressions.Regex.Replace(k, @"\{[^}]*\}", "");
        Assert.Equal(Line.Text, text);
        int total = System.Text.RegularExpressions.Regex.Matches(k, @"\\kf?(\d+)").Sum(m => int.Parse(m.Groups[1].Value));
        Assert.Equal(380, total); // from 9.2 s to the last note's end at 13.0 s
    }

    [Fact]
    public void Words_that_do_not_match_their_notes_fill_evenly_over_the_line()
    {
        var retexted = Line with { Text = "Brand new words" };
        Assert.Equal(@"{\k80}{\kf300}Brand new words", LyricVideo.Karaoke(retexted, 9.2));
    }

    [Fact]
    public void Subtitles_show_the_title_throughout_and_each_line_with_the_next_beneath_it()
    {
        var second = new TimedLine("Lights {are} glowing", 14, 16, []);
        string ass = LyricVideo.Subtitles("Winter Lights", [Line, second], 30);
        Assert.Contains("Dialogue: 0,0:00:00.00,0:00:30.00,Title,,0,0,0,,Winter Lights", ass);
        Assert.Contains("Dialogue: 0,0:00:09.20,0:00:13.20,Lyric,", ass);
        Assert.Contains("Dialogue: 0,0:00:09.20,0:00:13.20,Next,,0,0,0,,Lights (are) glowing", ass);
        Assert.Contains(@"Dialogue: 0,0:00:13.20,0:00:17.50,Lyric,,0,0,0,,{\k80}{\kf200}Lights (are) glowing", ass);
    }

    [Fact]
    public void Covers_are_1024_square_and_differ_with_the_title_and_the_style()
    {
        var pop = Composer.Compose(new CompositionRequest { Prompt = "bright pop", Seed = 4 });
        var metal = Composer.Compose(new CompositionRequest { Prompt = "heavy metal", Seed = 4 });
        var a = CoverArt.Paint(pop, 4, "Winter Lights");
        Assert.Equal(CoverArt.Size * CoverArt.Size * 3, a.Length);
        Assert.Equal(1024, CoverArt.Size);
        Assert.Equal(a, CoverArt.Paint(pop, 4, "Winter Lights"));
        foreach (var (other, what) in new[] { (CoverArt.Paint(pop, 4, "Summer Roads"), "another title"), (CoverArt.Paint(metal, 4, "Winter Lights"), "another style") })
        {
            double diff = 0;
            for (int i = 0; i < a.Length; i++) diff += Math.Abs(a[i] - other[i]);
            diff /= a.Length;
            Assert.True(diff > 20, $"{what}: mean difference {diff:F1} of 255");
        }
    }
}
