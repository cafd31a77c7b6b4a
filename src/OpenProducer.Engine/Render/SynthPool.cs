using System.Collections.Concurrent;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Render;

/// <summary>
/// Loaded synthesizers for renders. Per set of SoundFonts one keeper synth is made once per process and kept: it
/// answers preset names, and it holds the presets a reset selects (piano, the standard kit), which FluidSynth's sample
/// cache then shares with every synth. A part's other samples are read when it selects its preset (from the page
/// cache, which <see cref="Warm"/> fills). Every render gets a new synth (a used one is not reset exactly: the order
/// its voices are summed in keeps a trace of earlier renders, which changes the last bits), and the next one is
/// made ahead while it renders.
/// </summary>
public static class SynthPool
{
    private sealed class Entry
    {
        public required FluidSynthRenderer Keeper { get; init; }
        public ConcurrentBag<FluidSynthRenderer> Spares { get; } = [];
    }

    private static readonly ConcurrentDictionary<string, Lazy<Entry>> Entries = new();

    /// <summary>Synths kept ready per set of SoundFonts.</summary>
    private const int Spares = 2;

    // The SoundFont files already read through (sets share files: each is read once per process).
    private static readonly ConcurrentDictionary<string, bool> FilesRead = new();

    /// <summary>A new synth loaded with <paramref name="sounds"/>; dispose the lease when the render is done.</summary>
    public static Lease Rent(SoundSet sounds, int sampleRate)
    {
        var entry = EntryFor(sounds, sampleRate);
        var synth = entry.Spares.TryTake(out var spare) ? spare : new FluidSynthRenderer(sounds, sampleRate);
        // The next render's synths are made while this one renders (a song's band plays on two; the spares only save the parse).
        if (entry.Spares.Count < Spares)
            _ = CallerScheduler.Run(() =>
            {
                try { if (entry.Spares.Count < Spares) entry.Spares.Add(new FluidSynthRenderer(sounds, sampleRate)); }
                catch (EngineException) { /* the next Rent makes its own and reports the problem */ }
            });
        return new Lease(synth);
    }

    /// <summary>
    /// Loads <paramref name="sounds"/> now (and the first synths), and reads their files through once so that the
    /// samples a song selects later come from memory, not the disk: the first song does not wait for them.
    /// </summary>
    public static void Warm(SoundSet sounds, int sampleRate)
    {
        var entry = EntryFor(sounds, sampleRate);
        while (entry.Spares.Count < Spares) entry.Spares.Add(new FluidSynthRenderer(sounds, sampleRate));
        var buffer = new byte[1 << 20];
        foreach (var file in sounds.Files.Where(f => FilesRead.TryAdd(f, true)))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            while (stream.Read(buffer) > 0) { }
        }
    }

    /// <summary>The name the set's SoundFont gives a preset, read from the keeper (loading the set if it is not loaded yet).</summary>
    public static string PresetName(SoundSet sounds, int sampleRate, string file, int bank, int preset)
    {
        var keeper = EntryFor(sounds, sampleRate).Keeper;
        lock (keeper) return keeper.PresetName(file, bank, preset);
    }

    private static Entry EntryFor(SoundSet sounds, int sampleRate)
    {
        var lazy = Entries.GetOrAdd($"{sampleRate}|{sounds.Key}",
            _ => new Lazy<Entry>(() => new Entry { Keeper = new FluidSynthRenderer(sounds, sampleRate) }, LazyThreadSafetyMode.ExecutionAndPublication));
        try { return lazy.Value; }
        catch
        {
            // A set that failed to load (a missing or broken file) is tried again next time, not remembered as broken.
            Entries.TryRemove(new KeyValuePair<string, Lazy<Entry>>($"{sampleRate}|{sounds.Key}", lazy));
            throw;
        }
    }

    /// <summary>A synth for one render; disposing it frees the synth (the samples stay with the keeper).</summary>
    public sealed class Lease(FluidSynthRenderer synth) : IDisposable
    {
        public FluidSynthRenderer Synth { get; } = synth;

        public void Dispose() => Synth.Dispose();
    }
}
