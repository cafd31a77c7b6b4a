using System.Diagnostics;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;

// End-to-end engine timing: compose, render, master and encode songs, reporting medians per stage.
// Usage: dotnet run -c Release --project bench/OpenProducer.Bench -- [runs] [outdir]
int runs = args.Length > 0 ? int.Parse(args[0]) : 5;
string outDir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "producer-bench");
Directory.CreateDirectory(outDir);
var options = new EngineOptions();
string[] prompts = ["upbeat pop song with piano, 3 minutes", "dark rock anthem with distorted guitar, 3 minutes", "relaxing jazz for a coffee shop, 3 minutes"];
string[] models = ["FUZZ-2.0 Pro", "FUZZ-1.0"];
foreach (var model in models)
{
    var compose = new List<double>(); var render = new List<double>(); var master = new List<double>(); var encode = new List<double>(); var length = new List<double>();
    long peakMemory = 0;
    for (int r = 0; r < runs; r++)
    {
        var req = new CompositionRequest { Prompt = prompts[r % prompts.Length], Seed = (ulong)(1000 + r), Model = model };
        var sw = Stopwatch.StartNew();
        var song = Composer.Compose(req);
        compose.Add(sw.Elapsed.TotalSeconds); sw.Restart();
        AudioBuffer audio;
        using (var synth = new FluidSynthRenderer(options.SoundFontFor(song.Preset))) audio = synth.Render(song.Score);
        render.Add(sw.Elapsed.TotalSeconds); sw.Restart();
        var rep = Mastering.Master(audio);
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1") Console.WriteLine($"  {model} run {r}: {rep.IntegratedLufs:F2} LUFS, {rep.TruePeakDb:F2} dBTP before encoding");
        master.Add(sw.Elapsed.TotalSeconds); sw.Restart();
        await Ffmpeg.EncodeM4aAsync(audio, Path.Combine(outDir, $"bench-{r}.m4a"), CancellationToken.None);
        encode.Add(sw.Elapsed.TotalSeconds);
        length.Add(audio.Seconds);
        peakMemory = Math.Max(peakMemory, Process.GetCurrentProcess().PeakWorkingSet64);
    }
    static double Median(List<double> v) { var s = v.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
    double total = Median(compose) + Median(render) + Median(master) + Median(encode);
    Console.WriteLine($"{model}: {runs} songs, median length {Median(length):F1} s | compose {Median(compose) * 1000:F0} ms, render {Median(render):F2} s, " +
        $"master {Median(master):F2} s, encode {Median(encode):F2} s | total {total:F2} s = {Median(length) / total:F0}x real time | peak RSS {peakMemory / 1048576} MiB");
}
