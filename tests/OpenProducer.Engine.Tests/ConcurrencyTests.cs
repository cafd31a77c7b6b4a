using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
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

    [Fact]
    [Trait("Category", "Fast")]
    public void Threads_the_engine_starts_run_at_the_priority_of_the_thread_that_starts_them()
    {
        (int, bool) run = default, both = default, first = default;
        static (int Nice, bool IdleOnly) Priority() => (ThreadNice.Current(), ThreadNice.IsIdleOnly());
        var caller = new Thread(() =>
        {
            ThreadNice.Set(7);
            ThreadNice.SetIdleOnly();
            run = Cores.Run(Priority, CancellationToken.None).GetAwaiter().GetResult();
            Cores.Both(() => first = Priority(), () => both = Priority());
        });
        caller.Start();
        caller.Join();
        // Linux has both; elsewhere neither changes anything.
        var expected = OperatingSystem.IsLinux() ? (7, true) : (0, false);
        Assert.Equal((expected, expected, expected), (run, first, both));
        // The test's own thread is left as it was.
        Assert.NotEqual(7, ThreadNice.Current());
        Assert.False(ThreadNice.IsIdleOnly());
    }
}
