using OpenProducer.Engine.Art;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Encode;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Voice;

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
        progress?.Report(45);
        Vocals.RenderParts(composition, audio, request.LyricsStrength, ct)?.AddInto(audio);
        progress?.Report(55);
        ct.ThrowIfCancellationRequested();

        var cover = Task.Run(() => CoverArt.Paint(composition, request.Seed), ct);
        var report = await MasterAndEncodeAsync(audio, audioPath, progress, ct);
        progress?.Report(90);
        await Ffmpeg.EncodeJpegAsync(await cover, CoverArt.Size, CoverArt.Size, imagePath, ct);
        progress?.Report(100);
        return new RenderedSong(composition, audio.Seconds, report);
    }

    /// <summary>
    /// Masters and encodes, then measures the decoded file: AAC can push sharp transients over the limiter's
    /// ceiling. While the delivered true peak is above the ceiling, the mix is mastered again with a lower
    /// limiter ceiling (same loudness, more limiting) and encoded again.
    /// </summary>
    private async Task<MasterReport> MasterAndEncodeAsync(AudioBuffer mix, string audioPath, IProgress<int>? progress, CancellationToken ct)
    {
        const double target = Mastering.TruePeakCeilingDb - 0.1;
        double ceiling = Mastering.DefaultCeilingDb;
        Mastering.Prepare(mix);
        var mastered = new AudioBuffer(mix.Frames, mix.SampleRate);
        for (int pass = 0; ; pass++)
        {
            var report = Mastering.Finish(mix, mastered, ceiling);
            progress?.Report(70);
            await Ffmpeg.EncodeM4aAsync(mastered, audioPath, ct);
            // The decoder also returns the encoder's padding; only the planned length is checked.
            var decoded = await Ffmpeg.DecodeAsync(audioPath, Options.SampleRate, ct, maxFrames: mastered.Frames);
            double delivered = Loudness.TruePeakDb(decoded);
            if (delivered > target && pass < 3)
            {
                ceiling -= delivered - target + 0.2;
                continue;
            }
            if (QualityGate.Check(decoded, mastered.Seconds, delivered) is string problem) throw new QualityGateException(problem);
            return report with { TruePeakDb = delivered, IntegratedLufs = Loudness.Integrated(decoded) };
        }
    }
}
