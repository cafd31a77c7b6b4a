using OpenProducer.Engine;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Style;
using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Songs;

/// <summary>
/// Loads the default model's SoundFonts in the background as the server starts (MuseScore_General takes about ten
/// seconds to decompress), so the first song does not pay for it. A process with no workers renders nothing and
/// loads nothing.
/// </summary>
public sealed class EngineWarmup(SongEngine engine, ServerOptions options, ILogger<EngineWarmup> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Workers <= 0) return Task.CompletedTask;
        return Task.Run(() =>
        {
            try { SynthPool.Warm(engine.Options.SoundsFor(ModelPreset.Find(ModelPreset.DefaultModel)!), engine.Options.SampleRate); }
            catch (EngineException e) { log.LogWarning("The SoundFonts could not be loaded ahead: {Problem}", e.Message); }
        }, stoppingToken);
    }
}
