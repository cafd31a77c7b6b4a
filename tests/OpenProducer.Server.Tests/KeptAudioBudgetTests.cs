using Microsoft.Extensions.Logging.Abstractions;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Kept;

namespace OpenProducer.Server.Tests;

/// <summary>The kept audio's disk budget: past it, the least recently used songs' audio goes first.</summary>
[Trait("Category", "Fast")]
public class KeptAudioBudgetTests
{
    private static SongRecipe Recipe(ulong seed) => new(new CompositionRequest { Prompt = "calm piano", Seed = seed }, new MasterReport(-14, -1, 3));

    /// <summary>Two and a half seconds of noise: under 0.9 MB that a lossless coder hardly shrinks (two fit the 2 MB budget, three do not).</summary>
    private static SongAudio Noise(int seed)
    {
        var rng = new Random(seed);
        var a = new AudioBuffer(5 * 44100 / 2, 44100);
        for (int i = 0; i < a.Frames; i++) { a.Left[i] = (float)(rng.NextDouble() - 0.5); a.Right[i] = (float)(rng.NextDouble() - 0.5); }
        return new SongAudio(a, null);
    }

    [Fact]
    public async Task Past_the_budget_the_least_recently_used_songs_audio_goes_first()
    {
        string dir = Directory.CreateTempSubdirectory("kept-budget-").FullName;
        var store = new KeptAudioStore(new ServerOptions { DataDir = dir, KeptAudioMegabytes = 2 }, NullLogger<KeptAudioStore>.Instance);
        var (a, b, c) = (Recipe(1), Recipe(2), Recipe(3));
        store.Keep(a, Noise(1));
        await store.WhenWrittenAsync(CancellationToken.None);
        await Task.Delay(20);
        store.Keep(b, Noise(2));
        await store.WhenWrittenAsync(CancellationToken.None);
        await Task.Delay(20);
        // a is used again: b is now the least recently used.
        var found = store.Find(a, stems: false, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(Noise(1).Master.Left, found.Master.Left);
        await Task.Delay(20);
        store.Keep(c, Noise(3));
        await store.WhenWrittenAsync(CancellationToken.None);

        Assert.InRange(store.Bytes(), 1_400_000, 2 * 1024 * 1024);
        Assert.Null(store.Find(b, stems: false, CancellationToken.None));
        Assert.NotNull(store.Find(a, stems: false, CancellationToken.None));
        Assert.NotNull(store.Find(c, stems: false, CancellationToken.None));
    }
}
