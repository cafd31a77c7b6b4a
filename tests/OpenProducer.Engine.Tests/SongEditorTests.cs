using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;

namespace OpenProducer.Engine.Tests;

[Trait("Category", "Fast")]
public class SongEditorTests
{
    private const string Lyric = "[Verse]\nPaper boats along the stream\nCarry every little dream\n[Chorus]\nSail away and sail away\nHome before the end of day";

    [Fact]
    public void An_extension_and_a_replacement_keep_the_songs_drum_kit()
    {
        var request = new CompositionRequest { Prompt = "bossa nova with brushed drums", Seed = 31, Lyric = Lyric };
        var source = new SongRecipe(request, null);
        var kit = SongEditor.Compose(source).Score.Tracks.Single(t => t.IsDrums).Kit;
        Assert.NotEqual(DrumKit.Standard, kit);
        var words = request with { Lyric = "[Bridge]\nRiver carry me along\nTo the ending of the song" };
        foreach (var edit in new[] { new SongEdit(EditKind.Extend, source, From: 12), new SongEdit(EditKind.Replace, source, From: 4, To: 14) })
        {
            var edited = SongEditor.Compose(new SongRecipe(words, null, edit)).Score;
            Assert.Equal(kit, edited.Tracks.Single(t => t.IsDrums).Kit);
        }
    }
}
