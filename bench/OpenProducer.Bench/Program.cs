using System.Diagnostics;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Stems;
using OpenProducer.Engine.Video;

// Engine timing, medians over several songs: each stage on its own (compose, render, master), then the whole
// pipeline as the server runs it (compose → render → master → encode with the true-peak gate → cover art).
// Usage: dotnet run -c Release --project bench/OpenProducer.Bench -- [runs] [outdir] [songs|voice|edits|media|sweep|keys|listen|voices|analysis|separation|speed|whole|stream|encode|codec|server|kept|kept-rss] [sweep size | voice synth] [seed base | male and female formant scales] [sweep's first case]
// separation measures vocal separation on sung songs (optional Name=value settings after it).
// keys judges a finished sweep's delivered files (in outdir) again with the current key estimate.
// server starts the built server as `producer serve` does (fresh data folder): the first song against [runs] warm ones, then task retrieves at a fixed rate while two songs render ([count, 5000] [rate, 500]).
// analysis times the recording analysis on rendered one-minute songs (seconds per minute of audio, memory per analysis).
// stream times the live stream alone: its first byte and its lead over a real-time player.
// codec compares the delivered AAC with other encoder settings on [runs] masters of different genres: noise under the mask, encoder time, size.
// listen [n] makes the pack, or its song n alone (to compare its bytes with the pack's).
// (the third argument runs one part only; without it, all but the sweep, the listening pack and the voices, which run only when named: the sweep is 300 generated requests unless told; the pack is ten songs, one per genre, with their MIDI files; voices compares the singing synthesisers, optionally one of them)
int runs = args.Length > 0 ? int.Parse(args[0]) : 5;
string outDir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "producer-bench");
string? only = args.Length > 2 ? args[2] : null;
bool Run(string part) => only is null || only == part;
Directory.CreateDirectory(outDir);
if (only == "listen")
{
    await OpenProducer.Bench.ListeningPack.WriteAsync(Path.Combine(outDir, "listening-pack"), args.Length > 3 ? int.Parse(args[3]) : null);
    return;
}
if (only == "voices")
{
    OpenProducer.Bench.VoiceChoice.Run(outDir, args.Length > 3 ? args[3] : null,
        args.Length > 5 ? (double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)) : null);
    return;
}
if (only == "separation")
{
    OpenProducer.Bench.SeparationBench.Run(outDir, args.Skip(3).ToList());
    return;
}
if (only == "analysis")
{
    OpenProducer.Bench.AnalysisBench.Run(runs, new EngineOptions().FullSoundFont);
    return;
}
if (only == "speed")
{
    await OpenProducer.Bench.SpeedBench.RunAsync(runs, outDir);
    return;
}
if (only == "encode")
{
    await OpenProducer.Bench.SpeedBench.EncodeAsync(runs, outDir);
    return;
}
if (only == "codec")
{
    await OpenProducer.Bench.CodecBench.RunAsync(runs, outDir);
    return;
}
if (only == "stream")
{
    await OpenProducer.Bench.SpeedBench.StreamAsync(runs, outDir);
    return;
}
if (only == "whole")
{
    await OpenProducer.Bench.SpeedBench.WholeAsync(runs, outDir);
    return;
}
if (only == "server")
{
    await OpenProducer.Bench.ServerBench.RunAsync(runs, outDir, args.Length > 3 ? int.Parse(args[3]) : 5000, args.Length > 4 ? int.Parse(args[4]) : 500);
    return;
}
if (only == "kept")
{
    await OpenProducer.Bench.KeptBench.RunAsync(runs, outDir);
    return;
}
if (only is "kept-rss" or "kept-rss-stems")
{
    await OpenProducer.Bench.KeptBench.PeakMemoryAsync(outDir, stemsStep: only == "kept-rss-stems");
    return;
}
if (only == "keys")
{
    OpenProducer.Bench.SweepKeys.Run(outDir);
    return;
}
if (only == "sweep")
{
    await OpenProducer.Bench.Sweep.RunAsync(args.Length > 3 ? int.Parse(args[3]) : 300, outDir, args.Length > 4 ? ulong.Parse(args[4]) : 500_000,
        verbose: Environment.GetEnvironmentVariable("SWEEP_VERBOSE") == "1", first: args.Length > 5 ? int.Parse(args[5]) : 0);
    return;
}
var options = new EngineOptions();
var engine = new SongEngine(options);
string[] prompts = ["upbeat pop song with piano, 3 minutes", "dark rock anthem with distorted guitar, 3 minutes", "relaxing jazz for a coffee shop, 3 minutes"];

static double Median(List<double> v)
{
    var s = v.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

foreach (var model in Run("songs") ? new[] { "FUZZ-2.0 Pro", "FUZZ-1.0" } : [])
{
    List<double> compose = [], render = [], master = [], total = [], length = [], lufs = [], peak = [], allocated = [], stems = [];
    for (int r = 0; r < runs; r++)
    {
        var req = new CompositionRequest { Prompt = prompts[r % prompts.Length], Seed = (ulong)(1000 + r), Model = model };
        var sw = Stopwatch.StartNew();
        var song = Composer.Compose(req);
        compose.Add(sw.Elapsed.TotalSeconds);
        sw.Restart();
        AudioBuffer audio;
        using (var synth = new FluidSynthRenderer(options.SoundFontFor(song.Preset))) audio = synth.Render(song.Score);
        render.Add(sw.Elapsed.TotalSeconds);
        sw.Restart();
        _ = Mastering.Master(audio);
        master.Add(sw.Elapsed.TotalSeconds);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        sw.Restart();
        var done = await engine.CreateAsync(req, Path.Combine(outDir, $"bench-{r}.m4a"), Path.Combine(outDir, $"bench-{r}.jpg"), null, CancellationToken.None);
        total.Add(sw.Elapsed.TotalSeconds);
        allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
        length.Add(done.DurationSeconds);
        lufs.Add(done.Master.IntegratedLufs);
        peak.Add(done.Master.TruePeakDb);

        sw.Restart();
        var parts = engine.Produce(done.Recipe, stems: true, CancellationToken.None).Stems!;
        StemRenderer.WriteZip(parts, Path.Combine(outDir, $"bench-{r}-stems.zip"));
        stems.Add(sw.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"{model}: {runs} songs, median length {Median(length):F1} s | compose {Median(compose) * 1000:F0} ms, " +
        $"render {Median(render):F2} s, master {Median(master):F2} s | whole pipeline {Median(total):F2} s = {Median(length) / Median(total):F0}x real time | " +
        $"delivered {Median(lufs):F1} LUFS, {Median(peak):F2} dBTP | all_stems {Median(stems):F2} s | pipeline allocates {Median(allocated):F0} MiB a song, peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
}

// The voice's cost: the same lyric sheet as a sung song and as an instrumental, 3 minutes or so.
string sheet = BenchSheet.Repeated(3);
string chinese = string.Join("\n", Enumerable.Repeat("""
    [主歌]
    窗外的雨轻轻落下
    打湿了旧日的牵挂
    桌角还放着那杯冷茶
    像我们说过的悄悄话
    [副歌]
    阳光洒在我的脸庞
    我们一起大声歌唱
    风吹过那金色麦浪
    心里装满小小希望
    """, 3));
foreach (var (label, lyric, gender) in Run("voice") ? new[] { ("English, male", sheet, "m"), ("English, female", sheet, "f"), ("Mandarin, female", chinese, "f") } : [])
{
    List<double> sung = [], plain = [];
    double songLength = 0;
    for (int r = 0; r < runs; r++)
    {
        var request = new CompositionRequest { Prompt = "pop ballad", Seed = (ulong)(2000 + r), Lyric = lyric, Model = "FUZZ-2.0 Pro", VocalGender = gender };
        var sw = Stopwatch.StartNew();
        var withVoice = await engine.CreateAsync(request, Path.Combine(outDir, "voice.m4a"), Path.Combine(outDir, "voice.jpg"), null, CancellationToken.None);
        sung.Add(sw.Elapsed.TotalSeconds);
        songLength = withVoice.DurationSeconds;
        sw.Restart();
        await engine.CreateAsync(request with { Instrumental = true }, Path.Combine(outDir, "plain.m4a"), Path.Combine(outDir, "plain.jpg"), null, CancellationToken.None);
        plain.Add(sw.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"voice ({label}): {runs} songs of {songLength:F0} s with 24 sung lines | sung {Median(sung):F2} s vs band only {Median(plain):F2} s: " +
        $"the voice (lead, chorus harmony, production) adds {Median(sung) - Median(plain):F2} s");
}

// Edits of a 3-minute sung song: each makes its source again (from the recipe) and only the new material is
// composed; times are the whole edit as the server runs it (make, splice or mix, encode, check, cover art).
if (Run("edits"))
{
    var edits = new Dictionary<string, List<double>>();
    double songLength = 0;
    for (int r = 0; r < runs; r++)
    {
        var request = new CompositionRequest { Prompt = "pop ballad", Seed = (ulong)(3000 + r), Lyric = sheet, Model = "FUZZ-2.0 Pro" };
        var source = await engine.CreateAsync(request, Path.Combine(outDir, "edit-src.m4a"), Path.Combine(outDir, "edit-src.jpg"), null, CancellationToken.None);
        songLength = source.DurationSeconds;
        var part = new CompositionRequest { Prompt = "pop ballad", Seed = (ulong)(4000 + r), Model = "FUZZ-2.0 Pro" };
        var cases = new (string Name, OpenProducer.Engine.Edit.SongRecipe Recipe)[]
        {
            ("extend at 120 s by 30 s", new(part with { WriteLyrics = true }, source.Recipe.Master, new(OpenProducer.Engine.Edit.EditKind.Extend, source.Recipe, 120, Seconds: 30))),
            ("replace 60-90 s", new(part with { WriteLyrics = true }, source.Recipe.Master, new(OpenProducer.Engine.Edit.EditKind.Replace, source.Recipe, 60, 90))),
            ("swap vocals", new(part with { VocalGender = "f" }, source.Recipe.Master, new(OpenProducer.Engine.Edit.EditKind.SwapVocals, source.Recipe))),
            ("swap instrumentals", new(part with { Prompt = "dark rock with distorted guitar" }, source.Recipe.Master, new(OpenProducer.Engine.Edit.EditKind.SwapInstrumentals, source.Recipe))),
            ("cover", new(part with { Prompt = "smooth jazz with saxophone" }, null, new(OpenProducer.Engine.Edit.EditKind.Cover, source.Recipe, Strength: 1))),
        };
        foreach (var (name, recipe) in cases)
        {
            var sw = Stopwatch.StartNew();
            var done = await engine.CreateAsync(recipe, Path.Combine(outDir, "edit.m4a"), Path.Combine(outDir, "edit.jpg"), null, CancellationToken.None);
            (edits.TryGetValue(name, out var list) ? list : edits[name] = []).Add(sw.Elapsed.TotalSeconds);
            if (name == "extend at 120 s by 30 s")
            {
                sw.Restart();
                engine.Produce(done.Recipe, stems: true, CancellationToken.None);
                (edits.TryGetValue("stems of the extension", out var s) ? s : edits["stems of the extension"] = []).Add(sw.Elapsed.TotalSeconds);
            }
        }
    }
    Console.WriteLine($"edits of a {songLength:F0} s sung song (median of {runs}): " + string.Join(" | ", edits.Select(e => $"{e.Key} {Median(e.Value):F2} s")));
}

// The files a song is delivered in, for a 3-minute sung song (32 sung lines): making its master again (what every lossless or
// re-encoded file starts from), then each file on its own, and the music video (from the m4a and the cover).
if (Run("media"))
{
    var media = new Dictionary<string, List<double>>();
    void Add(string name, double seconds) => (media.TryGetValue(name, out var l) ? l : media[name] = []).Add(seconds);
    double songLength = 0;
    for (int r = 0; r < runs; r++)
    {
        var request = new CompositionRequest { Prompt = "pop ballad", Seed = (ulong)(5000 + r), Lyric = BenchSheet.Repeated(4), Model = "FUZZ-2.0 Pro" };
        string m4a = Path.Combine(outDir, "media.m4a"), jpg = Path.Combine(outDir, "media.jpg");
        var song = await engine.CreateAsync(new SongRecipe(request, null), m4a, jpg, null, CancellationToken.None, "Happy Days");
        songLength = song.DurationSeconds;
        var sw = Stopwatch.StartNew();
        var master = engine.Produce(song.Recipe, stems: false, CancellationToken.None).Master;
        Add("master again", sw.Elapsed.TotalSeconds);
        foreach (int bits in new[] { 16, 24 })
        {
            sw.Restart();
            await using (var file = File.Create(Path.Combine(outDir, $"media-{bits}.wav"))) WavWriter.Write(master, file, bits);
            Add($"wav {bits}-bit", sw.Elapsed.TotalSeconds);
        }
        foreach (var format in new[] { "mp3", "flac" })
        {
            sw.Restart();
            await Ffmpeg.EncodeAsync(master, format, 16, Path.Combine(outDir, "media." + format), CancellationToken.None);
            Add(format, sw.Elapsed.TotalSeconds);
        }
        sw.Restart();
        await LyricVideo.MakeAsync(jpg, m4a, "Happy Days", LyricVideo.Lines(SongEngine.Compose(song.Recipe)), song.DurationSeconds,
            Path.Combine(outDir, "media.mp4"), CancellationToken.None);
        Add("mp4 video", sw.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"files of a {songLength:F0} s sung song (median of {runs}; m4a is the delivered file itself): " +
        string.Join(" | ", media.Select(e => $"{e.Key} {Median(e.Value):F2} s")));
}
