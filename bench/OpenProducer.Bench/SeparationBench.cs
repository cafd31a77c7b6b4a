using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Separation;
using OpenProducer.Engine.Tests.Separation;

namespace OpenProducer.Bench;

/// <summary>
/// Vocal separation measured on the engine's own sung songs (exact stems as the truth): SDR and SIR per song and
/// their medians, seconds per minute of audio, then the time and the memory for a ten-minute recording. Settings
/// can be varied as Name=value arguments (the separator's settings record).
/// </summary>
public static class SeparationBench
{
    public static void Run(string outDir, IReadOnlyList<string> overrides)
    {
        var settings = Apply(SeparationSettings.Default, overrides);
        string songDir = Path.Combine(outDir, "separation-songs");
        Directory.CreateDirectory(songDir);
        string sheet = SungSongs.FirstVerse(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "chinese-sheet.txt")));
        var options = OpenProducer.Tests.Support.TestSoundFonts.Options;
        List<double> vs = [], vb = [], vi = [], asd = [], ab = [], ai = [], leaks = [];
        double seconds = 0, audio = 0;
        var songs = new List<SungSong>();
        foreach (var (name, request) in SungSongs.Requests(sheet))
        {
            var song = Load(songDir, name) ?? Save(songDir, SungSongs.Make(name, request, options, CancellationToken.None));
            songs.Add(song);
            var sw = Stopwatch.StartNew();
            var result = VocalSeparator.Separate(song.Mix, settings, CancellationToken.None);
            seconds += sw.Elapsed.TotalSeconds;
            audio += song.Mix.Seconds;
            var v = SeparationScore.Score(result.Vocals, song.Vocals, song.Accompaniment);
            var a = SeparationScore.Score(result.Accompaniment, song.Accompaniment, song.Vocals);
            double leak = SeparationScore.LeakWhileSilentDb(result.Vocals, song.Vocals, song.Mix);
            leaks.Add(leak);
            vs.Add(v.Sdr); vb.Add(v.BssSdr); vi.Add(v.Sir); asd.Add(a.Sdr); ab.Add(a.BssSdr); ai.Add(a.Sir);
            Console.WriteLine(Invariant($"{name,-12} {song.Mix.Seconds,5:F1} s  vocals SDR {v.Sdr,5:F2} (bss {v.BssSdr,5:F2}) SIR {v.Sir,5:F2}   accompaniment SDR {a.Sdr,5:F2} (bss {a.BssSdr,5:F2}) SIR {a.Sir,5:F2}   leak while silent {leak,6:F1} dB"));
        }
        Console.WriteLine(Invariant($"median       vocals SDR {SeparationScore.Median(vs),5:F2} (bss {SeparationScore.Median(vb),5:F2}) SIR {SeparationScore.Median(vi),5:F2}   accompaniment SDR {SeparationScore.Median(asd),5:F2} (bss {SeparationScore.Median(ab),5:F2}) SIR {SeparationScore.Median(ai),5:F2}   leak while silent {SeparationScore.Median(leaks),6:F1} dB"));
        Console.WriteLine(Invariant($"{seconds / audio * 60:F2} s per minute of audio"));
        if (Environment.GetEnvironmentVariable("SEPARATION_LONG") == "0") return;

        // Ten minutes: the songs one after another, over and over.
        int rate = songs[0].Mix.SampleRate, frames = rate * 600, at = 0;
        var ten = new AudioBuffer(frames, rate);
        for (int i = 0; at < frames; i++)
        {
            var m = songs[i % songs.Count].Mix;
            int n = Math.Min(m.Frames, frames - at);
            Array.Copy(m.Left, 0, ten.Left, at, n);
            Array.Copy(m.Right, 0, ten.Right, at, n);
            at += n;
        }
        long inputBytes = 2L * frames * sizeof(float);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long workingBefore = process.WorkingSet64;
        var watch = Stopwatch.StartNew();
        var tenResult = VocalSeparator.Separate(ten, settings, CancellationToken.None);
        double tenSeconds = watch.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        process.Refresh();
        GC.KeepAlive(tenResult);
        Console.WriteLine(Invariant($"ten minutes at {rate} Hz: {tenSeconds:F1} s ({tenSeconds / 10:F2} s per minute); allocated {allocated / 1048576.0:F0} MB = {(double)allocated / inputBytes:F2}× the input ({inputBytes / 1048576.0:F0} MB), of which the two outputs {2 * inputBytes / 1048576.0:F0} MB; working set before {workingBefore / 1048576.0:F0} MB, peak {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static SeparationSettings Apply(SeparationSettings settings, IReadOnlyList<string> overrides)
    {
        foreach (var item in overrides)
        {
            var parts = item.Split('=', 2);
            var property = typeof(SeparationSettings).GetProperty(parts[0], BindingFlags.Public | BindingFlags.Instance)
                ?? throw new ArgumentException($"no setting {parts[0]}");
            settings = settings with { };
            property.SetValue(settings, Convert.ChangeType(parts[1], property.PropertyType, CultureInfo.InvariantCulture));
        }
        return settings;
    }

    private static SungSong? Load(string dir, string name)
    {
        string path = Path.Combine(dir, name + ".f32");
        if (!File.Exists(path)) return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        int rate = reader.ReadInt32(), frames = reader.ReadInt32();
        var buffers = new AudioBuffer[3];
        for (int b = 0; b < 3; b++)
        {
            buffers[b] = new AudioBuffer(frames, rate);
            for (int i = 0; i < frames; i++) buffers[b].Left[i] = reader.ReadSingle();
            for (int i = 0; i < frames; i++) buffers[b].Right[i] = reader.ReadSingle();
        }
        return new SungSong(name, buffers[0], buffers[1], buffers[2]);
    }

    private static SungSong Save(string dir, SungSong song)
    {
        using var writer = new BinaryWriter(File.Create(Path.Combine(dir, song.Name + ".f32")));
        writer.Write(song.Mix.SampleRate);
        writer.Write(song.Mix.Frames);
        foreach (var b in new[] { song.Mix, song.Vocals, song.Accompaniment })
        {
            foreach (float x in b.Left) writer.Write(x);
            foreach (float x in b.Right) writer.Write(x);
        }
        return song;
    }
}
