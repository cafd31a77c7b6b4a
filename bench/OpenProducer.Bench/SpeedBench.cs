using System.Diagnostics;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Bench;

/// <summary>
/// Where a 3-minute sung FUZZ-2.0 Pro song's time goes, stage by stage (each run once on its own, in the order the
/// pipeline runs them), then the whole pipeline, then the naive floor on the same score: FluidSynth's own
/// command-line renderer writing the song's MIDI file to WAV, then ffmpeg encoding that WAV to AAC.
/// </summary>
internal static class SpeedBench
{
    /// <summary>The whole pipeline only, <paramref name="runs"/> times over the three prompts (for A/B runs and profiles).</summary>
    public static async Task WholeAsync(int runs, string outDir)
    {
        var engine = new SongEngine(new EngineOptions());
        // The first song in the process (the JIT, the SoundFonts and the voice are loaded as it goes), then the timed ones.
        var first = Stopwatch.StartNew();
        double firstCpu = CpuSeconds();
        await engine.CreateAsync(new CompositionRequest { Prompt = "pop ballad", Seed = 1, Lyric = BenchSheet.Written(1), Model = "FUZZ-2.0 Pro" },
            Path.Combine(outDir, "warm.m4a"), Path.Combine(outDir, "warm.jpg"), null, CancellationToken.None);
        Console.WriteLine($"whole: first song in the process {first.Elapsed.TotalSeconds:F2} s ({CpuSeconds() - firstCpu:F2} s of CPU)");
        List<double> whole = [];
        for (int r = 0; r < runs; r++)
        {
            ulong seed = (ulong)(7000 + r % Prompts.Length);
            var request = new CompositionRequest { Prompt = Prompts[r % Prompts.Length], Seed = seed, Lyric = BenchSheet.Written(seed), Model = "FUZZ-2.0 Pro" };
            GC.Collect();
            Cold();
            double cpu = CpuSeconds();
            var marks = new StageClock();
            var done = await engine.CreateAsync(request, Path.Combine(outDir, "whole.m4a"), Path.Combine(outDir, "whole.jpg"), marks, CancellationToken.None);
            whole.Add(marks.Elapsed);
            var m = done.Master;
            string corrections = m.CeilingDb < Mastering.DefaultCeilingDb || m.TrimDb != 0 ? $"; mastered again (ceiling {m.CeilingDb:F2} dB, trim {m.TrimDb:F2} dB)" : "";
            if (m.Dips is { Count: > 0 } dips) corrections += $"; {dips.Count} dip(s) at {string.Join(", ", dips.Select(d => $"{d.From / (double)done.Audio!.SampleRate:F1} s {d.Db:F2} dB"))}";
            Console.WriteLine($"whole: {request.Prompt} {done.DurationSeconds:F0} s song in {whole[^1]:F2} s ({CpuSeconds() - cpu:F2} s of CPU); progress at {marks}; {marks.Busy()}{corrections}");
        }
        Console.WriteLine($"whole: median {Median(whole):F2} s ({string.Join(", ", whole.Select(w => w.ToString("F2")))})");
    }

    /// <summary>
    /// The delivered m4a's encode and decode alone, on a 160 s sung master: the codec in this process against the
    /// command-line encoders and decoders, alternately; wall time and CPU time (this process and its children).
    /// </summary>
    public static async Task EncodeAsync(int runs, string outDir)
    {
        var options = new EngineOptions();
        var engine = new SongEngine(options);
        string m4a = Path.Combine(outDir, "encode.m4a");
        var made = await engine.CreateAsync(new CompositionRequest { Prompt = Prompts[0], Seed = 7000, Lyric = BenchSheet.Written(7000), Model = "FUZZ-2.0 Pro" },
            m4a, Path.Combine(outDir, "encode.jpg"), null, CancellationToken.None);
        var master = made.Audio!;
        Dictionary<bool, (List<double> Wall, List<double> Cpu)> times = new() { [true] = ([], []), [false] = ([], []) };
        for (int r = 0; r < runs; r++)
            foreach (bool inProcess in new[] { true, false })
            {
                SplitM4a.InProcessAllowed = inProcess;
                double cpu = CpuSeconds();
                var sw = Stopwatch.StartNew();
                _ = await Ffmpeg.EncodeM4aAndDecodeAsync(master, m4a, CancellationToken.None);
                times[inProcess].Wall.Add(sw.Elapsed.TotalSeconds);
                times[inProcess].Cpu.Add(CpuSeconds() - cpu);
            }
        SplitM4a.InProcessAllowed = true;
        foreach (var (inProcess, (wall, cpu)) in times)
            Console.WriteLine($"encode: {master.Seconds:F0} s master, {(inProcess ? "in this process" : "command line")}: wall median {Median(wall):F2} s " +
                $"({string.Join(", ", wall.Select(w => w.ToString("F2")))}), CPU median {Median(cpu):F2} s");
    }

    /// <summary>CPU seconds of this process and its waited-for children (user and system), from /proc.</summary>
    private static double CpuSeconds() => ProcessUsage.Read("self").Cpu;

    public static async Task RunAsync(int runs, string outDir)
    {
        var options = new EngineOptions();
        var engine = new SongEngine(options);
        var stages = new Dictionary<string, List<double>>();
        void Add(string name, double s) => (stages.TryGetValue(name, out var l) ? l : stages[name] = []).Add(s);
        List<double> whole = [], floor = [], ratio = [], length = [];
        // One song first, so the JIT, the SoundFonts and the voice are loaded before anything is timed.
        await engine.CreateAsync(new CompositionRequest { Prompt = "pop ballad", Seed = 1, Lyric = BenchSheet.Written(1), Model = "FUZZ-2.0 Pro" },
            Path.Combine(outDir, "warm.m4a"), Path.Combine(outDir, "warm.jpg"), null, CancellationToken.None);
        for (int r = 0; r < runs; r++)
        {
            var request = new CompositionRequest { Prompt = Prompts[r % Prompts.Length], Seed = (ulong)(7000 + r), Lyric = BenchSheet.Written((ulong)(7000 + r)), Model = "FUZZ-2.0 Pro" };
            Cold();
            var sw = Stopwatch.StartNew();
            var song = Composer.Compose(request);
            Add("compose", sw.Elapsed.TotalSeconds);
            sw.Restart();
            AudioBuffer mix;
            using (var lease = SynthPool.Rent(options.SoundsFor(song.Preset), options.SampleRate, song.Score))
            {
                int frames = lease.Synth.FramesFor(song.Score);
                var mixer = new BandMixer(song.Score, frames, options.SampleRate, stems: false);
                lease.Synth.Render(song.Score, frames, mixer);
                mix = mixer.Finish().Mix;
            }
            Add("band render+mix", sw.Elapsed.TotalSeconds);
            sw.Restart();
            using (var lease = SynthPool.Rent(options.SoundsFor(song.Preset), options.SampleRate, song.Score))
                lease.Synth.Render(song.Score, lease.Synth.FramesFor(song.Score), new NullSink());
            Add("fluidsynth alone", sw.Elapsed.TotalSeconds);
            sw.Restart();
            _ = Singer.Sing(song, mix.Frames, mix.SampleRate, CancellationToken.None);
            Add("sing lead", sw.Elapsed.TotalSeconds);
            Cold();
            sw.Restart();
            var voices = Vocals.RenderParts(song, mix, 1, CancellationToken.None);
            voices?.AddInto(mix);
            Add("voice", sw.Elapsed.TotalSeconds);
            sw.Restart();
            var (mastered, _) = Mastering.Master(mix);
            Add("master", sw.Elapsed.TotalSeconds);
            sw.Restart();
            string m4a = Path.Combine(outDir, "speed.m4a");
            await Ffmpeg.EncodeM4aAsync(mastered, m4a, CancellationToken.None);
            Add("encode m4a (one encoder)", sw.Elapsed.TotalSeconds);
            sw.Restart();
            var decoded = await Ffmpeg.DecodeAsync(m4a, options.SampleRate, mastered.Frames, CancellationToken.None);
            Add("decode", sw.Elapsed.TotalSeconds);
            sw.Restart();
            _ = Loudness.TruePeakDb(decoded);
            _ = Loudness.Integrated(decoded);
            Add("measure", sw.Elapsed.TotalSeconds);
            sw.Restart();
            _ = await Ffmpeg.EncodeM4aAndDecodeAsync(mastered, m4a, CancellationToken.None);
            Add("encode+decode as delivered", sw.Elapsed.TotalSeconds);

            GC.Collect();
            Cold();
            sw.Restart();
            var done = await engine.CreateAsync(request, m4a, Path.Combine(outDir, "speed.jpg"), null, CancellationToken.None);
            double total = sw.Elapsed.TotalSeconds;
            whole.Add(total);
            length.Add(done.DurationSeconds);

            double naive = await NaiveFloorAsync(song, options.SoundsFor(song.Preset).Melodic, outDir);
            floor.Add(naive);
            ratio.Add(total / naive);
        }
        await StreamAsync(runs, outDir, engine);
        Console.WriteLine($"speed: {runs} sung FUZZ-2.0 Pro songs, median {Median(length):F0} s long | stages: " +
            string.Join(" | ", stages.Select(s => $"{s.Key} {Median(s.Value):F2} s")));
        Console.WriteLine($"speed: whole pipeline median {Median(whole):F2} s ({string.Join(", ", whole.Select(w => w.ToString("F2")))}) | " +
            $"naive floor (fluidsynth CLI + ffmpeg AAC) median {Median(floor):F2} s | ratio median {Median(ratio):F2}");
    }

    /// <summary>
    /// The live stream alone (after a song that loads what the first song in a process would): <paramref name="runs"/>
    /// songs made with their stream, each timed as in <see cref="RunAsync(int, string)"/>.
    /// </summary>
    public static async Task StreamAsync(int runs, string outDir)
    {
        var engine = new SongEngine(new EngineOptions());
        await engine.CreateAsync(new CompositionRequest { Prompt = "pop ballad", Seed = 1, Lyric = BenchSheet.Written(1), Model = "FUZZ-2.0 Pro" },
            Path.Combine(outDir, "warm.m4a"), Path.Combine(outDir, "warm.jpg"), null, CancellationToken.None);
        await StreamAsync(runs, outDir, engine);
    }

    private static async Task StreamAsync(int runs, string outDir, SongEngine engine)
    {
        // The live stream: when its first byte is written after the request, and how far ahead of a player that
        // starts then and plays at real time the stream stays (160 kbit/s CBR: bytes say how much audio is there).
        List<double> firstByte = [], minLead = [], streamedWhole = [];
        for (int r = 0; r < runs; r++)
        {
            var request = new CompositionRequest { Prompt = Prompts[r % Prompts.Length], Seed = (ulong)(7100 + r), Lyric = BenchSheet.Written((ulong)(7100 + r)), Model = "FUZZ-2.0 Pro" };
            Cold();
            var log = new ArrivalLog();
            var sw = Stopwatch.StartNew();
            log.Clock = sw;
            using (var live = new OpenProducer.Engine.Live.LiveMix(log))
                await engine.CreateAsync(new OpenProducer.Engine.Edit.SongRecipe(request, null), Path.Combine(outDir, "live.m4a"), Path.Combine(outDir, "live.jpg"), null,
                    CancellationToken.None, "", live);
            firstByte.Add(log.Arrivals[0].Seconds);
            minLead.Add(log.Arrivals.Skip(1).DefaultIfEmpty(log.Arrivals[0]).Min(a => a.Bytes * 8 / 160_000.0 - (a.Seconds - log.Arrivals[0].Seconds)));
            streamedWhole.Add(log.Arrivals[^1].Seconds);
        }
        Console.WriteLine($"speed: live stream first byte median {Median(firstByte):F2} s after the request ({string.Join(", ", firstByte.Select(f => f.ToString("F2")))}); " +
            $"minimum lead over a real-time player {Median(minLead):F2} s (worst {minLead.Min():F2} s); whole stream written at {Median(streamedWhole):F2} s");
    }

    /// <summary>Forgets the lines spoken and sung so far: a timed song sings from cold, as a new sheet does.</summary>
    private static void Cold()
    {
        SungLineCache.Clear();
        SpeechCache.Clear();
    }

    private sealed class NullSink : IRenderSink
    {
        public void Add(int len, float[][] channelOutputs, int pos) { }
    }

    /// <summary>The timed prompts; BENCH_PROMPTS (separated by ';') puts others in their place, to time one kind of song.</summary>
    private static readonly string[] Prompts = Environment.GetEnvironmentVariable("BENCH_PROMPTS") is { Length: > 0 } given ? given.Split(';')
        : ["pop ballad with piano", "upbeat country song with banjo", "soul song with organ and horns"];

    /// <summary>FluidSynth's command-line renderer on the song's MIDI file, then ffmpeg to AAC, one after the other.</summary>
    private static async Task<double> NaiveFloorAsync(ComposedSong song, string soundFont, string outDir)
    {
        string mid = Path.Combine(outDir, "floor.mid"), wav = Path.Combine(outDir, "floor.wav"), m4a = Path.Combine(outDir, "floor.m4a");
        await File.WriteAllBytesAsync(mid, MidiFile.Write(song, "floor"));
        var sw = Stopwatch.StartNew();
        await RunAsync("fluidsynth", $"-ni -g 0.5 -r 44100 -F \"{wav}\" \"{soundFont}\" \"{mid}\"");
        await RunAsync("ffmpeg", $"-hide_banner -loglevel error -y -i \"{wav}\" -c:a aac -b:a 192k \"{m4a}\"");
        return sw.Elapsed.TotalSeconds;
    }

    private static async Task RunAsync(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await o;
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {await e}");
    }

    internal static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>A sink that records when each write arrived and how many bytes had arrived by then (before it).</summary>
    private sealed class ArrivalLog : Stream
    {
        public Stopwatch Clock { get; set; } = new();
        public List<(double Seconds, long Bytes)> Arrivals { get; } = [];
        private long _total;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _total;
        public override long Position { get => _total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count)
        {
            // A player has what arrived before this write until it is in: the lead is judged on the bytes before it.
            lock (Arrivals) Arrivals.Add((Clock.Elapsed.TotalSeconds, _total));
            _total += count;
        }
    }
}
