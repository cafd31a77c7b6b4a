using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Stems;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Kept;
using OpenProducer.Server.SongFiles;

namespace OpenProducer.Bench;

/// <summary>
/// Edits that cost what they change, on a 3-minute sung FUZZ-2.0 Pro song whose master is kept: making the song,
/// making 30 s of new music alone (as a song is made), the encode of the extended song (m4a and the decode that
/// measures it), the extension by 30 s as the server runs it, stems and a WAV of the existing song from its kept
/// audio; the ratio extension / (30 s new + encode). <c>kept-rss</c>: the peak memory of one process making a
/// 4-minute sung song and then all its stems.
/// </summary>
internal static class KeptBench
{
    public static async Task RunAsync(int runs, string outDir)
    {
        string keptDir = Path.Combine(outDir, "kept-bench");
        if (Directory.Exists(keptDir)) Directory.Delete(keptDir, recursive: true);
        var store = new KeptAudioStore(new ServerOptions { DataDir = keptDir }, NullLogger<KeptAudioStore>.Instance);
        var engine = new SongEngine(new EngineOptions { Kept = store });
        var plain = new SongEngine(new EngineOptions());
        var t = new Dictionary<string, List<double>>();
        void Add(string name, double s) => (t.TryGetValue(name, out var l) ? l : t[name] = []).Add(s);
        await engine.CreateAsync(new CompositionRequest { Prompt = "pop ballad", Seed = 1, Lyric = BenchSheet.Block, Model = "FUZZ-2.0 Pro" },
            Path.Combine(outDir, "warm.m4a"), Path.Combine(outDir, "warm.jpg"), null, CancellationToken.None);
        double length = 0;
        int passes = 0, dipped = 0;
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            var song = await engine.CreateAsync(new CompositionRequest { Prompt = "pop ballad", Seed = (ulong)(8000 + r), Lyric = BenchSheet.Written((ulong)(8000 + r)), Model = "FUZZ-2.0 Pro" },
                Path.Combine(outDir, "kept-src.m4a"), Path.Combine(outDir, "kept-src.jpg"), null, CancellationToken.None);
            Add("make 3-min song", sw.Elapsed.TotalSeconds);
            length = song.DurationSeconds;
            sw.Restart();
            store.Keep(song.Recipe, new SongAudio(song.Audio!, null));
            await store.WhenWrittenAsync(CancellationToken.None);
            Add("keep its master (background)", sw.Elapsed.TotalSeconds);

            // 30 s of new music made alone, as a song is made (its words written, sung, rendered, mastered, its own
            // short encode and cover); another seed than the extension's, so no sung line is shared.
            var part = new CompositionRequest { Prompt = "pop ballad, 30 seconds", Seed = (ulong)(9000 + r), Model = "FUZZ-2.0 Pro", WriteLyrics = true };
            sw.Restart();
            await plain.CreateAsync(part, Path.Combine(outDir, "kept-30.m4a"), Path.Combine(outDir, "kept-30.jpg"), null, CancellationToken.None);
            Add("30 s new (make)", sw.Elapsed.TotalSeconds);

            var extend = new SongRecipe(part with { Prompt = "pop ballad", Seed = (ulong)(9500 + r) }, song.Recipe.Master,
                new SongEdit(EditKind.Extend, song.Recipe, Math.Floor(length - 3), Seconds: 30));
            sw.Restart();
            var extended = await engine.CreateAsync(extend, Path.Combine(outDir, "kept-ext.m4a"), Path.Combine(outDir, "kept-ext.jpg"), null, CancellationToken.None);
            Add("extend by 30 s (kept master)", sw.Elapsed.TotalSeconds);
            // A lowered ceiling means the extension was mastered and encoded more than once.
            if (extended.Recipe.Master!.CeilingDb < song.Recipe.Master!.CeilingDb) passes++;
            if (extended.Recipe.Master.Dips is { Count: > 0 }) dipped++;
            sw.Restart();
            // The encode as a song's is made: the m4a and the decode beside it, then the measures of what it decodes to.
            var decoded = await Ffmpeg.EncodeM4aAndDecodeAsync(extended.Audio!, Path.Combine(outDir, "kept-enc.m4a"), CancellationToken.None);
            _ = OpenProducer.Engine.Mix.Loudness.TruePeakDb(decoded);
            _ = OpenProducer.Engine.Mix.Loudness.Integrated(decoded);
            Add("encode (m4a + measure)", sw.Elapsed.TotalSeconds);

            // Stems once (rendered, then kept), then as a request finds them.
            engine.Produce(song.Recipe, stems: true, CancellationToken.None);
            await store.WhenWrittenAsync(CancellationToken.None);
            sw.Restart();
            var stems = engine.Produce(song.Recipe, stems: true, CancellationToken.None).Stems!;
            Add("stems from kept: read", sw.Elapsed.TotalSeconds);
            StemRenderer.WriteVocalsAndInstrumentalZip(stems, Path.Combine(outDir, "kept-stems.zip"));
            Add("stems from kept (read+sum+zip)", sw.Elapsed.TotalSeconds);
            sw.Restart();
            var master = engine.Produce(song.Recipe, stems: false, CancellationToken.None).Master;
            await using (var file = File.Create(Path.Combine(outDir, "kept.wav"))) WavWriter.Write(master, file, 16);
            Add("wav from kept", sw.Elapsed.TotalSeconds);
        }
        double ratio = Median(t["extend by 30 s (kept master)"]) / (Median(t["30 s new (make)"]) + Median(t["encode (m4a + measure)"]));
        Console.WriteLine($"kept audio, {length:F0} s sung song (median of {runs}): " + string.Join(" | ", t.Select(e => $"{e.Key} {Median(e.Value):F2} s")) +
            $" | extend / (30 s new + encode) {ratio:F2} | extensions encoded more than once {passes}/{runs}, mended by dips {dipped}/{runs} | kept on disk {store.Bytes() / 1e6:F0} MB");
    }

    /// <summary>
    /// Peak resident memory of one worker, each step in a process of its own: a 4-minute sung song made (its master
    /// kept), then, in a second process as a worker would after it, all its stems. Each says the resident memory
    /// with only the synth loaded (the baseline) and the peak.
    /// </summary>
    public static async Task PeakMemoryAsync(string outDir, bool stemsStep)
    {
        string keptDir = Path.Combine(outDir, "kept-rss"), recipeFile = Path.Combine(outDir, "kept-rss.json");
        var store = new KeptAudioStore(new ServerOptions { DataDir = keptDir }, NullLogger<KeptAudioStore>.Instance);
        var options = new EngineOptions { Kept = store };
        var engine = new SongEngine(options);
        var request = new CompositionRequest { Prompt = "pop ballad", Seed = 8100, Lyric = BenchSheet.Repeated(6), Model = "FUZZ-2.0 Pro" };
        OpenProducer.Engine.Render.SynthPool.Warm(options.SoundsFor(Composer.Compose(request).Preset), options.SampleRate);
        Collect();
        long baseline = Resident();
        Console.WriteLine($"synth loaded: resident {baseline / 1048576.0:F0} MiB ({PeakSampler.Split()}), managed heap committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F0} MiB");
        if (!stemsStep)
        {
            if (Directory.Exists(keptDir)) Directory.Delete(keptDir, recursive: true);
            using var sampler = new PeakSampler();
            var song = await engine.CreateAsync(request, Path.Combine(outDir, "rss.m4a"), Path.Combine(outDir, "rss.jpg"),
                new Progress<int>(p => sampler.Stage = p), CancellationToken.None);
            Console.WriteLine($"peak RSS of one worker making a {song.DurationSeconds:F0} s sung song: {PeakBytes() / 1048576.0:F0} MiB (synth loaded {baseline / 1048576.0:F0} MiB); " +
                await sampler.StopAsync());
            store.Keep(song.Recipe, new SongAudio(song.Audio!, null));
            await store.WhenWrittenAsync(CancellationToken.None);
            await File.WriteAllTextAsync(recipeFile, System.Text.Json.JsonSerializer.Serialize(song.Recipe));
            using var child = Process.Start(Environment.ProcessPath!, ["1", outDir, "kept-rss-stems"]);
            await child.WaitForExitAsync();
            return;
        }
        var recipe = System.Text.Json.JsonSerializer.Deserialize<SongRecipe>(await File.ReadAllTextAsync(recipeFile))!;
        var sw = Stopwatch.StartNew();
        using (var sampler = new PeakSampler())
        {
            // What a worker does to make them ahead: all of them, then both zips.
            var stems = engine.Produce(recipe, stems: true, CancellationToken.None).Stems!;
            sampler.Stage = 1;
            SongFilesHandler.PublishZip(Path.Combine(outDir, "rss-all.zip"), part => StemRenderer.WriteZip(stems, part));
            SongFilesHandler.PublishZip(Path.Combine(outDir, "rss-two.zip"), part => StemRenderer.WriteVocalsAndInstrumentalZip(stems, part));
            await store.WhenWrittenAsync(CancellationToken.None);
            Console.WriteLine($"peak RSS of one worker making all {stems.Count} stems of it (master kept) in {sw.Elapsed.TotalSeconds:F1} s: " +
                $"{PeakBytes() / 1048576.0:F0} MiB (synth loaded {baseline / 1048576.0:F0} MiB); " + (await sampler.StopAsync()).Replace("progress step", "step (0 stems, 1 zips)"));
        }
    }

    /// <summary>
    /// Resident memory sampled every 20 ms: its highest per stage (the engine's progress step), and at the highest
    /// sample what the managed heap held (committed by the collector, and in objects, dead or alive).
    /// </summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _highest = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _stage;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private (long Rss, long Committed, long Objects, string Split) _peak;

        public int Stage { set => Volatile.Write(ref _stage, value); }

        public PeakSampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                long now = Resident();
                _highest.AddOrUpdate(Volatile.Read(ref _stage), now, (_, v) => Math.Max(v, now));
                if (now > _peak.Rss) _peak = (now, GC.GetGCMemoryInfo().TotalCommittedBytes, GC.GetTotalMemory(false), Split());
                if (Environment.GetEnvironmentVariable("RSS_TIMELINE") is not null)
                    Console.Error.WriteLine($"{_clock.Elapsed.TotalSeconds:F1} rss {now >> 20} committed {GC.GetGCMemoryInfo().TotalCommittedBytes >> 20} objects {GC.GetTotalMemory(false) >> 20} gc2 {GC.CollectionCount(2)}");
                await Task.Delay(20);
            }
        });

        public async Task<string> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            return "highest sampled from each progress step: " + string.Join(", ", _highest.OrderBy(h => h.Key).Select(h => $"{h.Key}% {h.Value / 1048576.0:F0}")) +
                $"; at the highest sample, managed heap committed {_peak.Committed / 1048576.0:F0} MiB, objects {_peak.Objects / 1048576.0:F0} MiB; resident {_peak.Split}";
        }

        public void Dispose() => _stop.Dispose();

        /// <summary>
        /// Resident memory by kind (anonymous: heaps and stacks; file: mapped libraries and data), and what the C
        /// library's allocator holds for native code (FluidSynth's samples, the voices): in use, and free but kept.
        /// </summary>
        public static string Split()
        {
            var m = MallInfo2();
            return string.Join(", ", File.ReadLines("/proc/self/status")
                .Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal))
                .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is var f ? $"{f[0].TrimEnd(':')} {long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) / 1024} MiB" : l))
                + $"; malloc in use {(m.Uordblks + m.Hblkhd) >> 20} MiB (mapped {m.Hblkhd >> 20}), free in its heaps {m.Fordblks >> 20} MiB";
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallinfo2")]
        private static extern MallInfo MallInfo2();

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct MallInfo
        {
            public long Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
        }
    }

    /// <summary>What the worker does between tasks (a compacting collection), then the peak counter starts again from here.</summary>
    private static void Collect()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    private static long Resident() => Status("VmRSS:");

    private static long PeakBytes() => Status("VmHWM:");

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
