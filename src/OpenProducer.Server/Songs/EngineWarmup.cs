using System.Diagnostics;
using OpenProducer.Engine;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Style;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Songs;

/// <summary>
/// Makes the first song cost what the others do. Loads every model's SoundFonts (MuseScore_General's 500 MB of
/// samples take a few seconds) and, with <see cref="ServerOptions.Warmup"/>, makes two short sung songs (English and Mandarin
/// lines; a female voice on the small SoundFont while the others load, then a male one on the studio set) through the
/// whole engine and throws them away: that starts Flite and espeak-ng, runs ffmpeg
/// (encode, decode, cover), and compiles the pipeline. <c>serve</c> says it is listening once <see cref="Ready"/> is
/// done; a server built for tests turns the song off and loads only the default model's SoundFonts, in the background.
/// A process with no workers renders nothing and loads nothing.
/// </summary>
public sealed class EngineWarmup(SongEngine engine, ServerOptions options, ILogger<EngineWarmup> log) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when the warm-up is (whether or not each step worked: a step that fails is logged, and a song pays for it).</summary>
    public Task Ready => _ready.Task;

    private const string Sheet = """
        [Verse]
        Morning light is on the way
        阳光洒在我的脸庞
        """;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Workers <= 0)
        {
            _ready.TrySetResult();
            return Task.CompletedTask;
        }
        return Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var all = ModelPreset.All.Select(engine.Options.SoundsFor).DistinctBy(s => s.Key).ToList();
                var first = engine.Options.SoundsFor(ModelPreset.Find(options.Warmup ? "FUZZ-1.0" : ModelPreset.DefaultModel)!);
                // FluidSynth's first start comes before anything sung, as it did when only the SoundFonts were loaded.
                Step("load the SoundFonts", () => SynthPool.Warm(first, engine.Options.SampleRate));
                if (!options.Warmup) return;
                // The other sets load while the short song (on the small set, already loaded) compiles the pipeline.
                var loads = all.Where(s => s.Key != first.Key)
                    .Select(s => Task.Run(() => Step("load the SoundFonts", () => SynthPool.Warm(s, engine.Options.SampleRate)), stoppingToken)).ToList();
                await SingAsync("FUZZ-1.0", "f", stoppingToken);
                await Task.WhenAll(loads);
                // Then the studio set's own path (sampled kits, pad and counter-line, a male voice), now that it is loaded.
                await SingAsync("FUZZ-2.0 Pro", "m", stoppingToken);
                // The samples most songs play are read now, not by the first songs that play them: the studio set's
                // parts in a song of every genre (composed only; composing takes milliseconds).
                var studio = ModelPreset.Find("FUZZ-2.0 Pro")!;
                Step("hold the common presets", () => SynthPool.HoldAhead(engine.Options.SoundsFor(studio), engine.Options.SampleRate,
                    Genres.All.Select(g => Composer.Compose(new CompositionRequest { Prompt = g.Name, Seed = 1, Model = studio.Model }).Score)));
                log.LogInformation("The engine is warm ({Seconds:F1} s)", clock.Elapsed.TotalSeconds);
            }
            finally { _ready.TrySetResult(); }
        }, stoppingToken);
    }

    private async Task SingAsync(string model, string gender, CancellationToken ct)
    {
        string dir = Directory.CreateTempSubdirectory("producer-warmup-").FullName;
        try
        {
            var request = new CompositionRequest { Prompt = "pop song", Lyric = Sheet, Seed = 1, Model = model, VocalGender = gender };
            await engine.CreateAsync(new SongRecipe(request, null), Path.Combine(dir, "warm.m4a"), Path.Combine(dir, "warm.jpg"), null, ct, "Warm");
        }
        catch (Exception e) when (e is EngineException or QualityGateException or IOException or InvalidOperationException)
        {
            log.LogWarning("The warm-up song could not be made (the first song pays for what it would have loaded): {Problem}", e.Message);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* a temporary folder left behind */ }
        }
    }

    private void Step(string what, Action step)
    {
        try { step(); }
        catch (EngineException e) { log.LogWarning("Could not {What} ahead: {Problem}", what, e.Message); }
    }
}
