using System.Diagnostics;
using OpenProducer.Engine.Analysis;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

namespace OpenProducer.Bench;

/// <summary>
/// Recording analysis: seconds of analysis per minute of audio, and the memory one analysis takes (the process's
/// working set above where it stood before, sampled every few milliseconds; and what the analysis allocated).
/// </summary>
public static class AnalysisBench
{
    public static void Run(int runs, string soundFont)
    {
        string[] prompts = ["upbeat pop song at 118 bpm, 60 seconds", "sad ballad in 3/4 at 84 bpm, 60 seconds", "rock anthem at 140 bpm, 60 seconds"];
        var perMinute = new List<double>();
        var peaks = new List<double>();
        var allocated = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var (audio, truth) = Render(new CompositionRequest { Prompt = prompts[r % prompts.Length], Seed = (ulong)(2000 + r), WriteLyrics = true }, soundFont);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            long before = process.WorkingSet64, peak = before, bytes = GC.GetTotalAllocatedBytes(precise: true);
            bool done = false;
            var sampler = new Thread(() =>
            {
                while (!Volatile.Read(ref done))
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    Thread.Sleep(5);
                }
            });
            sampler.Start();
            var clock = Stopwatch.StartNew();
            var analysis = RecordingAnalyzer.Analyze(audio, CancellationToken.None);
            double seconds = clock.Elapsed.TotalSeconds;
            Volatile.Write(ref done, true);
            sampler.Join();
            perMinute.Add(seconds / audio.Seconds * 60);
            peaks.Add((peak - before) / 1048576.0);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1048576.0);
            Console.WriteLine($"{prompts[r % prompts.Length]}: {audio.Seconds:F0} s of audio analysed in {seconds:F2} s; tempo {analysis.Tempo:F1}, " +
                $"{analysis.BeatsPerBar}/4, {analysis.Key.Name} (score: {truth.Score.Tempo} bpm, {truth.Score.BeatsPerBar}/4, {truth.KeyName}), {analysis.Sections.Count} sections, {analysis.Melody.Count} notes; " +
                $"working set +{peaks[^1]:F0} MiB, allocated {allocated[^1]:F0} MiB");
        }
        Console.WriteLine($"analysis: median {Median(perMinute):F2} s per minute of audio, working set peak +{peaks.Max():F0} MiB, allocated up to {allocated.Max():F0} MiB");
    }

    private static (AudioBuffer Audio, ComposedSong Song) Render(CompositionRequest request, string soundFont)
    {
        var song = Composer.Compose(request);
        AudioBuffer mix;
        using (var synth = new FluidSynthRenderer(soundFont))
        {
            int frames = synth.FramesFor(song.Score);
            var mixer = new BandMixer(song.Score, frames, synth.SampleRate, stems: false);
            synth.Render(song.Score, frames, mixer);
            mix = mixer.Finish().Mix;
        }
        Vocals.RenderParts(song, mix, 0.5, CancellationToken.None)?.AddInto(mix);
        return (Mastering.Master(mix).Audio, song);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
