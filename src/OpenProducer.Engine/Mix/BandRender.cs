using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Render;

namespace OpenProducer.Engine.Mix;

public static class BandRender
{
    /// <summary>
    /// Renders the whole score through the standard band mix (no voice, no master), as a song's band is rendered: its
    /// parts in two halves, the second on a synth loaded with the same sounds. For tests and tools.
    /// </summary>
    public static AudioBuffer Render(this FluidSynthRenderer synth, Score score, double tailSeconds = 2.5) =>
        SplitBand.Render(score, synth.SampleRate, synth.FramesFor(score, tailSeconds), stems: false, null,
            half =>
            {
                if (half == 0) return (synth, null);
                var second = new FluidSynthRenderer(synth.Sounds, synth.SampleRate);
                return (second, second);
            }).Mix;
}
