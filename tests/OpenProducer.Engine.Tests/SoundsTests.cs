using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Style;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class SoundsTests
{
    private static ComposedSong Compose(params SoundPrompt[] sounds) =>
        Composer.Compose(new CompositionRequest { Seed = 21, Sounds = sounds });

    [Fact]
    public void Positive_sounds_choose_the_style_strongest_first()
    {
        var c = Compose(new SoundPrompt("acoustic folk", 0.3), new SoundPrompt("jazz with saxophone", 0.9));
        Assert.Equal("jazz", c.Style.Genre.Name);
        Assert.Equal(65, c.Score.Tracks.Single(t => t.Role == TrackRole.Lead).Program);
    }

    [Fact]
    public void A_negative_drums_sound_removes_the_drums()
    {
        Assert.Contains(Compose(new SoundPrompt("upbeat pop", 0.5)).Score.Tracks, t => t.IsDrums);
        Assert.DoesNotContain(Compose(new SoundPrompt("upbeat pop", 0.5), new SoundPrompt("drums", -0.5)).Score.Tracks, t => t.IsDrums);
        Assert.DoesNotContain(Compose(new SoundPrompt("流行", 0.5), new SoundPrompt("鼓", -1)).Score.Tracks, t => t.IsDrums);
    }

    [Fact]
    public void A_negative_instrument_is_replaced_in_its_part()
    {
        var rock = Compose(new SoundPrompt("hard rock with distorted guitar", 0.8));
        Assert.Contains(rock.Score.Tracks, t => t.Program == 30);
        var clean = Compose(new SoundPrompt("hard rock with distorted guitar", 0.8), new SoundPrompt("distorted guitar", -0.7));
        Assert.DoesNotContain(clean.Score.Tracks, t => t.Program == 30);
        Assert.Contains(clean.Score.Tracks, t => t.Role == TrackRole.Chords);
        // A family word pushes away the whole family.
        var noGuitars = Compose(new SoundPrompt("folk", 0.8), new SoundPrompt("guitar", -1));
        Assert.DoesNotContain(noGuitars.Score.Tracks, t => !t.IsDrums && t.Program is >= 24 and <= 31);
    }

    [Fact]
    public void A_negative_genre_moves_the_song_to_another_genre()
    {
        var c = Compose(new SoundPrompt("jazz or rock", 0.8), new SoundPrompt("jazz", -0.9));
        Assert.Equal("rock", c.Style.Genre.Name);
    }

    [Fact]
    public void Negative_bass_removes_the_bass_part()
    {
        Assert.DoesNotContain(Compose(new SoundPrompt("pop", 0.5), new SoundPrompt("bass", -0.6)).Score.Tracks, t => t.Role == TrackRole.Bass);
    }

    [Fact]
    public void A_ranged_sound_applies_to_its_span_only()
    {
        var c = Compose(new SoundPrompt("pop, 60 seconds", 0.5), new SoundPrompt("drums", -1, 0, 20), new SoundPrompt("strings", 0.8, 30, 45));
        var s = c.Score;
        var drums = s.Tracks.Single(t => t.IsDrums);
        Assert.DoesNotContain(drums.Notes, n => s.TimeOf(n.Start) < 19.9);
        Assert.Contains(drums.Notes, n => s.TimeOf(n.Start) > 20);
        var strings = s.Tracks.Single(t => t.Name.StartsWith("span:") && t.Program == 48);
        Assert.NotEmpty(strings.Notes);
        Assert.All(strings.Notes, n => Assert.InRange(s.TimeOf(n.Start), 29.5, 45));
    }

    [Fact]
    public void A_low_sound_strength_keeps_the_genres_own_arrangement()
    {
        var strong = Composer.Compose(new CompositionRequest { Prompt = "rock with organ and cello", Seed = 3, SoundStrength = 0.9 });
        var weak = Composer.Compose(new CompositionRequest { Prompt = "rock with organ and cello", Seed = 3, SoundStrength = 0.2 });
        Assert.Equal(16, strong.Score.Tracks.Single(t => t.Role == TrackRole.Chords).Program);
        Assert.Equal(30, weak.Score.Tracks.Single(t => t.Role == TrackRole.Chords).Program);
        Assert.Equal(42, weak.Score.Tracks.Single(t => t.Role == TrackRole.Lead).Program);
    }
}
