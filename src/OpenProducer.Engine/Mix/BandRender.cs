using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

public static class BandRender
{
    /// <summary>Renders the whole score through the standard band mix (no voice, no master): for tests and tools.</summary>
    public static AudioBuffer Render(this FluidSynthRenderer synth, Score score, double tailSeconds = 2.5)
    {
        int frames = synth.FramesFor(score, tailSeconds);
        var mixer = new BandMixer(score, frames, synth.SampleRate, stems: false);
        synth.Render(score, frames, mixer);
        return mixer.Finish().Mix;
    }
}
