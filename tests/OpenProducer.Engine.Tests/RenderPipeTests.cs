using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// A long render synthesizes on two threads (two synths sharing the parts) and mixes on a third: the mixer sees
/// exactly the calls, and the data, of a render on one thread, so the mix and the stems are the same to the bit; the
/// shared parts sound as one synth plays them; an error in the mixer ends the render with that error.
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

    [Fact]
    public void Two_synths_sharing_the_parts_render_every_part_as_one_synth_does()
    {
        var score = Composer.Compose(new CompositionRequest { Prompt = "piano ballad, 20 seconds", Seed = 5 }).Score;
        var share = FluidSynthRenderer.Share(score);
        var drums = score.Tracks.Single(t => t.IsDrums);
        Assert.Equal(share[drums.Channel].Even, share[drums.Channel].Odd);
        // The piano, the heaviest part, is shared: its even keys on one synth, its odd keys on the other.
        var piano = score.Tracks.Where(t => !t.IsDrums && t.Program == 0).MaxBy(t => t.Notes.Count)!;
        Assert.NotEqual(share[piano.Channel].Even, share[piano.Channel].Odd);

        using var synth = new FluidSynthRenderer(TestSoundFonts.Small);
        int frames = synth.FramesFor(score);
        var shared = new Capture(frames);
        synth.Render(score, frames, shared, pipelined: true);
        using var one = new FluidSynthRenderer(TestSoundFonts.Small);
        var alone = new Capture(frames);
        one.Render(score, frames, alone, pipelined: false, shared: false);
        foreach (var t in score.Tracks)
            for (int side = 0; side < 2; side++)
            {
                float[] a = shared.Outputs[2 * t.Channel + side], b = alone.Outputs[2 * t.Channel + side];
                double error = 0, signal = 0;
                for (int i = 0; i < frames; i++)
                {
                    error += (double)(a[i] - b[i]) * (a[i] - b[i]);
                    signal += (double)b[i] * b[i];
                }
                Assert.True(signal > 1, $"{t.Name} is silent");
                // The same notes on the same presets. FluidSynth's voices keep a trace of the notes their slots played
                // before (a synth that rendered another song first differs from a new one by 50–120 dB down, drums
                // the most), and on two synths the slots are used otherwise: 38–95 dB down here. A note lost, or a
                // pedal one synth never heard, would be within a few dB of the part itself.
                double db = 10 * Math.Log10(error / signal + 1e-30);
                Assert.True(db < -30, $"{t.Name}: the difference is {db:F1} dB against the part");
            }
    }

    /// <summary>Every output of the render, whole.</summary>
    private sealed class Capture(int frames) : IRenderSink
    {
        public float[][] Outputs { get; } = Enumerable.Range(0, 2 * FluidSynthRenderer.Channels).Select(_ => new float[frames]).ToArray();

        public void Add(int len, float[][] channelOutputs, int pos)
        {
            for (int o = 0; o < Outputs.Length; o++) channelOutputs[o].AsSpan(0, len).CopyTo(Outputs[o].AsSpan(pos));
        }
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
