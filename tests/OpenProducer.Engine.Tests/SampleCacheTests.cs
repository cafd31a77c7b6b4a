using OpenProducer.Engine.Voice;

namespace OpenProducer.Engine.Tests;

/// <summary>The voice's caches of recent audio: bounded by samples, the least recently used going first.</summary>
[Trait("Category", "Fast")]
public class SampleCacheTests
{
    [Fact]
    public void Past_its_bound_the_least_recently_used_entry_goes_and_a_read_counts_as_a_use()
    {
        var cache = new SampleCache<float[]>(maxSamples: 300, s => s);
        cache.Add("a", new float[100]);
        cache.Add("b", new float[100]);
        cache.Add("c", new float[100]);
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent; b the least
        cache.Add("d", new float[100]);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
    }

    [Fact]
    public void A_key_kept_already_keeps_its_first_value_and_clearing_forgets_everything()
    {
        var cache = new SampleCache<float[]>(maxSamples: 1000, s => s);
        var first = new float[10];
        cache.Add("a", first);
        cache.Add("a", new float[20]);
        Assert.True(cache.TryGet("a", out var kept));
        Assert.Same(first, kept);
        cache.Clear();
        Assert.False(cache.TryGet("a", out _));
        // After clearing, the whole bound is free again: three entries that fill it all stay.
        foreach (var key in new[] { "x", "y", "z" }) cache.Add(key, new float[333]);
        Assert.True(cache.TryGet("x", out _) && cache.TryGet("y", out _) && cache.TryGet("z", out _));
    }
}
