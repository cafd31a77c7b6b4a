using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>The same recipe gives the same samples whether a song is made alone or beside others (workers run in parallel).</summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Songs_made_at_the_same_time_are_the_songs_made_alone()
    {
        var engine = new SongEngine(TestSoundFonts.Options);
        SongRecipe Recipe(string prompt, ulong seed) => new(new CompositionRequest
        {
            Prompt = prompt, Seed = seed, Lyric = "[Verse]\nCandles in the window glow\nFootprints fading in the snow\n[Chorus]\n一起唱歌到天亮\n心里有光",
        }, new MasterReport(-14, -1, 0));
        var recipes = new[] { Recipe("warm folk pop", 3), Recipe("bright synth pop with female vocals", 4), Recipe("slow soul ballad", 5) };
        var alone = recipes.Select(r => engine.Produce(r, stems: false, CancellationToken.None).Master).ToArray();
        var together = await Task.WhenAll(recipes.Select(r => Task.Run(() => engine.Produce(r, stems: false, CancellationToken.None).Master)));
        for (int i = 0; i < recipes.Length; i++)
        {
            Assert.True(alone[i].Left.AsSpan().SequenceEqual(together[i].Left), $"song {i}: left channel differs when made beside others");
            Assert.True(alone[i].Right.AsSpan().SequenceEqual(together[i].Right), $"song {i}: right channel differs when made beside others");
        }
    }
}
