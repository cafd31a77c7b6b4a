using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// A long render synthesizes on one thread and mixes on another: the mixer sees exactly the calls, and the data,
/// of a render on one thread, so the mix and the stems are the same to the bit; an error in the mixer ends the
/// render with that error.
/// </summary>
public class RenderPipeTests
{
    private static Score Song() => Composer.Compose(new CompositionRequest { Prompt = "energetic rock with piano, 30 seconds", Seed = 21 }).Score;

    [Fact]
    public void The_pipelined_render_gives_the_mixer_the_same_calls_and_the_same_mix_and_stems_to_the_bit()
    {
        var score = Song();
        var (syncCalls, syncMix, syncStems) = Run(score, pipelined: false);
        var (pipeCalls, pipeMix, pipeStems) = Run(score, pipelined: true);
        Assert.True(syncCalls.Count > 100, $"{syncCalls.Count} chunks");
        Assert.Equal(syncCalls, pipeCalls);
        Assert.True(syncMix.Left.AsSpan().SequenceEqual(pipeMix.Left) && syncMix.Right.AsSpan().SequenceEqual(pipeMix.Right), "the mixes differ");
        Assert.Equal(syncStems.Keys.Order(), pipeStems.Keys.Order());
        foreach (var (group, stem) in syncStems)
            Assert.True(stem.Left.AsSpan().SequenceEqual(pipeStems[group].Left) && stem.Right.AsSpan().SequenceEqual(pipeStems[group].Right), $"the {group} stems differ");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task An_error_in_the_sink_ends_the_pipelined_render_with_that_error(int failAt)
    {
        var score = Song();
        using var synth = new FluidSynthRenderer(TestSoundFonts.Small);
        int frames = synth.FramesFor(score);
        var sink = new Failing(new BandMixer(score, frames, synth.SampleRate, stems: false), failAt, frames);
        var render = Task.Run(() => synth.Render(score, frames, sink, pipelined: true));
        Assert.Same(render, await Task.WhenAny(render, Task.Delay(TimeSpan.FromMinutes(2))));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => render);
        Assert.Equal("sink failed", e.Message);

        // The synth is left usable: it renders the whole song again (a used synth sums its voices in another order,
        // so only a new one renders the same bits; see SynthPool).
        var after = new BandMixer(score, frames, synth.SampleRate, stems: false);
        synth.Render(score, frames, after, pipelined: true);
        Assert.Equal(frames, after.Rendered);
    }

    private static (List<(int Len, int Pos, ulong Data)> Calls, AudioBuffer Mix, Dictionary<string, AudioBuffer> Stems) Run(Score score, bool pipelined)
    {
        using var synth = new FluidSynthRenderer(TestSoundFonts.Small);
        int frames = synth.FramesFor(score);
        var mixer = new BandMixer(score, frames, synth.SampleRate, stems: true);
        var sink = new Recording(mixer);
        synth.Render(score, frames, sink, pipelined);
        var (mix, stems) = mixer.Finish();
        return (sink.Calls, mix, stems!);
    }

    /// <summary>Every call's length, position and a checksum of its data (all channels), passed on to the mixer.</summary>
    private sealed class Recording(IRenderSink inner) : IRenderSink
    {
        public List<(int Len, int Pos, ulong Data)> Calls { get; } = [];

        public void Add(int len, float[][] channelOutputs, int pos)
        {
            ulong h = 14695981039346656037;
            foreach (var channel in channelOutputs)
                foreach (float x in channel.AsSpan(0, len))
                    h = (h ^ BitConverter.SingleToUInt32Bits(x)) * 1099511628211;
            Calls.Add((len, pos, h));
            inner.Add(len, channelOutputs, pos);
        }
    }

    /// <summary>Mixes until call <paramref name="failAt"/> (or the last chunk, for -1), then throws.</summary>
    private sealed class Failing(IRenderSink inner, int failAt, int frames) : IRenderSink
    {
        private int _calls;

        public void Add(int len, float[][] channelOutputs, int pos)
        {
            if (_calls++ == failAt || (failAt < 0 && pos + len == frames)) throw new InvalidOperationException("sink failed");
            inner.Add(len, channelOutputs, pos);
        }
    }
}
