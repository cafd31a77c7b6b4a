using System.Collections.Concurrent;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Render;

/// <summary>
/// Loaded synthesizers for renders. Per set of SoundFonts one keeper synth is made once per process and kept: it
/// answers preset names, and it holds the presets recent renders played (within a byte budget), which FluidSynth's
/// sample cache then shares with every synth. A part's other samples are read when it selects its preset (from the
/// page cache, which <see cref="Warm"/> fills). Every render gets a new synth (a used one is not reset exactly: the order
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

    /// <summary>
    /// Whether a set has no renderer kept ready: one is, made again while a render runs. Each is two synths, and a synth
    /// with the studio set's SoundFonts parsed holds about 22 MB; making one takes about 30 ms, so a second render
    /// starting at the same moment makes its own.
    /// </summary>
    private static bool Short(Entry entry) => entry.Spares.IsEmpty;

    // The SoundFont files already read through (sets share files: each is read once per process).
    private static readonly ConcurrentDictionary<string, bool> FilesRead = new();

    /// <summary>
    /// A new synth loaded with <paramref name="sounds"/>; dispose the lease when the render is done. The presets
    /// <paramref name="score"/> plays are held by the keeper first (within <see cref="HeldBytes"/>), so this render
    /// reads only the samples no recent render used, and the next song that plays them reads none. A render that
    /// needs every byte it can get (<paramref name="hold"/> false: a song's stems, whose buffers peak after the synth
    /// is done) has the keepers let go of everything first, so its samples go when it is done with them.
    /// </summary>
    public static Lease Rent(SoundSet sounds, int sampleRate, Score score, bool hold = true)
    {
        var entry = EntryFor(sounds, sampleRate);
        if (hold) Hold(entry, PresetsOf(sounds, score).Distinct().ToList());
        else
            lock (Held)
                foreach (var slot in Held.ToList()) Let(slot);
        var synth = entry.Spares.TryTake(out var spare) ? spare : new FluidSynthRenderer(sounds, sampleRate);
        // The next render's synths are made once this one is done with its own, not while it renders: they are not
        // in memory at its peak (the spare only saves the parse).
        return new Lease(synth, () => _ = CallerScheduler.Run(() =>
        {
            try { if (Short(entry)) entry.Spares.Add(new FluidSynthRenderer(sounds, sampleRate)); }
            catch (EngineException) { /* the next Rent makes its own and reports the problem */ }
        }));
    }

    /// <summary>
    /// Loads <paramref name="sounds"/> now (and the first synths), and reads their files through once so that the
    /// samples a song selects later come from memory, not the disk: the first song does not wait for them.
    /// </summary>
    public static void Warm(SoundSet sounds, int sampleRate)
    {
        var entry = EntryFor(sounds, sampleRate);
        while (Short(entry)) entry.Spares.Add(new FluidSynthRenderer(sounds, sampleRate));
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
            _ => new Lazy<Entry>(() => new Entry { Keeper = new FluidSynthRenderer(sounds, sampleRate, keeper: true) }, LazyThreadSafetyMode.ExecutionAndPublication));
        try { return lazy.Value; }
        catch
        {
            // A set that failed to load (a missing or broken file) is tried again next time, not remembered as broken.
            Entries.TryRemove(new KeyValuePair<string, Lazy<Entry>>($"{sampleRate}|{sounds.Key}", lazy));
            throw;
        }
    }

    /// <summary>
    /// The most sample data the keepers hold for songs to come, in bytes, counting the presets of the render about to
    /// start (one that needs more holds what fits): a worker's memory between songs grows by at most this much, and
    /// a render's peak by none (what it needs beyond this is let go first).
    /// </summary>
    public static long HeldBytes { get; set; } = 192L << 20;

    /// <summary>A preset a keeper holds on one of its channels, and when a render last asked for it.</summary>
    private sealed record Slot(Entry Entry, int Channel, Preset Preset)
    {
        public long Used { get; set; }
    }

    private static readonly List<Slot> Held = [];
    private static long renders;

    /// <summary>
    /// Holds a render's presets on its set's keeper, as <see cref="Plan"/> says: each preset taken is selected on a
    /// free channel of the keeper (which reads its samples, as the render would have); with no channel free, the
    /// keeper's longest unused preset the render does not play makes room.
    /// </summary>
    private static void Hold(Entry entry, List<Preset> needed)
    {
        lock (Held)
        {
            long now = ++renders;
            var (let, take) = Plan(Held.Select(s => (s.Preset, s.Used)).ToList(), needed, HeldBytes, SizeOf);
            foreach (var preset in let) Let(Held.Find(s => s.Preset == preset)!);
            foreach (var slot in Held.Where(s => needed.Contains(s.Preset))) slot.Used = now;
            foreach (var preset in take)
            {
                var taken = Held.Where(s => s.Entry == entry).Select(s => s.Channel).ToHashSet();
                int channel = Enumerable.Range(0, FluidSynthRenderer.Channels).FirstOrDefault(c => !taken.Contains(c), -1);
                if (channel < 0 && Held.Where(s => s.Entry == entry && !needed.Contains(s.Preset)).MinBy(s => s.Used) is { } spare)
                {
                    Let(spare);
                    channel = spare.Channel;
                }
                if (channel >= 0 && entry.Keeper.Hold(channel, preset.File, preset.Bank, preset.Number))
                    Held.Add(new Slot(entry, channel, preset) { Used = now });
            }
        }
    }

    /// <summary>
    /// Holds ahead the presets most of <paramref name="scores"/> play (most played first, as far as
    /// <see cref="HeldBytes"/> allows): a server's first songs then read no more samples than later ones do.
    /// </summary>
    public static void HoldAhead(SoundSet sounds, int sampleRate, IEnumerable<Score> scores)
    {
        var ranked = scores.SelectMany(s => PresetsOf(sounds, s).Distinct()).CountBy(p => p)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key.File, StringComparer.Ordinal).ThenBy(c => c.Key.Bank).ThenBy(c => c.Key.Number)
            .Select(c => c.Key).ToList();
        Hold(EntryFor(sounds, sampleRate), ranked);
    }

    private static IEnumerable<Preset> PresetsOf(SoundSet sounds, Score score) => score.Tracks.Select(t =>
    {
        var (file, bank, number) = sounds.PresetFor(t);
        return new Preset(file, bank, number);
    });

    private static long SizeOf(Preset p) => SoundFontSizes.Of(p.File, p.Bank, p.Number);

    /// <summary>
    /// What the keepers let go of and take up before a render that plays <paramref name="needed"/>: the presets held
    /// longest unused that the render does not play go until what stays and what the render plays fit in
    /// <paramref name="budget"/> bytes (a render that needs more than that alone lets go of all the others); then
    /// each preset the render plays that is not held yet is taken, in order, while what is held fits.
    /// </summary>
    /// <param name="held">Each held preset and when a render last asked for it.</param>
    internal static (List<Preset> Let, List<Preset> Take) Plan(IReadOnlyList<(Preset Preset, long Used)> held, IReadOnlyList<Preset> needed,
        long budget, Func<Preset, long> size)
    {
        long Total(IEnumerable<Preset> presets) => presets.Distinct().Sum(size);
        var stays = held.OrderBy(h => h.Used).Select(h => h.Preset).ToList();
        List<Preset> let = [], take = [];
        while (Total(stays.Concat(needed)) > budget && stays.FindIndex(p => !needed.Contains(p)) is var oldest and >= 0)
        {
            let.Add(stays[oldest]);
            stays.RemoveAt(oldest);
        }
        foreach (var preset in needed.Distinct().Where(p => !stays.Contains(p)))
            if (Total(stays.Append(preset)) <= budget)
            {
                stays.Add(preset);
                take.Add(preset);
            }
        return (let, take);
    }

    /// <summary>A preset of a SoundFont file.</summary>
    internal readonly record struct Preset(string File, int Bank, int Number);

    private static void Let(Slot slot)
    {
        slot.Entry.Keeper.Release(slot.Channel);
        Held.Remove(slot);
    }

    /// <summary>A synth for one render; disposing it frees the synth (the samples stay with the keeper).</summary>
    public sealed class Lease(FluidSynthRenderer synth, Action? after = null) : IDisposable
    {
        private int _disposed;

        public FluidSynthRenderer Synth { get; } = synth;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            Synth.Dispose();
            after?.Invoke();
        }
    }
}
