using OpenProducer.Engine.Art;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine;

/// <summary>A finished song: what was composed, how long it is, how it measured, where its files are.</summary>
public sealed record RenderedSong(Composition.Composition Composition, double DurationSeconds, MasterReport Master);

/// <summary>The whole pipeline: compose, render, master, encode, paint the cover.</summary>
public sealed class SongEngine(EngineOptions options)
{
    public EngineOptions Options { get; } = options;

    public async Task<RenderedSong> CreateAsync(CompositionRequest request, string audioPath, string imagePath,
        IProgress<int>? progress, CancellationToken ct)
    {
        var composition = Composer.Compose(request);
        progress?.Report(15);
        ct.ThrowIfCancellationRequested();

        AudioBuffer audio;
        using (var synth = new FluidSynthRenderer(Options.SoundFontFor(composition.Preset), Options.SampleRate))
            audio = synth.Render(composition.Score);
        progress?.Report(55);
        ct.ThrowIfCancellationRequested();

        var report = Mastering.Master(audio);
        progress?.Report(70);

        var cover = Task.Run(() => CoverArt.Paint(composition, request.Seed), ct);
        report = await EncodeWithinTruePeakAsync(audio, audioPath, report, ct);
        progress?.Report(90);
        await Ffmpeg.EncodeJpegAsync(await cover, CoverArt.Size, CoverArt.Size, imagePath, ct);
        progress?.Report(100);
        return new RenderedSong(composition, audio.Seconds, report);
    }

    /// <summary>
    /// Encodes, then measures the decoded file: AAC can push sharp transients over the limiter's ceiling.
    /// While the delivered file's true peak is above the ceiling, the master is limited lower and encoded again.
    /// </summary>
    private async Task<MasterReport> EncodeWithinTruePeakAsync(AudioBuffer audio, string audioPath, MasterReport report, CancellationToken ct)
    {
        const double target = Mastering.TruePeakCeilingDb - 0.1;
        double ceiling = Mastering.DefaultCeilingDb;
        for (int pass = 0; ; pass++)
        {
            await Ffmpeg.EncodeM4aAsync(audio, audioPath, ct);
            double delivered = Loudness.TruePeakDb(await Ffmpeg.DecodeAsync(audioPath, Options.SampleRate, ct));
            if (delivered <= target) return report with { TruePeakDb = delivered, IntegratedLufs = Loudness.Integrated(audio) };
            if (pass == 3) throw new EngineException($"quality gate: the encoded song peaks at {delivered:F2} dBTP");
            ceiling -= delivered - target + 0.2;
            Limiter.Apply(audio, ceiling);
        }
    }
}
