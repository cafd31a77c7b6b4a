using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Engine.Stems;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

public class StemTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static double ResidualDb(AudioBuffer reference, Func<int, (float L, float R)> sum)
    {
        double err = 0, energy = 0;
        for (int i = 0; i < reference.Frames; i++)
        {
            var (l, r) = sum(i);
            err += Math.Pow(l - reference.Left[i], 2) + Math.Pow(r - reference.Right[i], 2);
            energy += Math.Pow(reference.Left[i], 2) + Math.Pow(reference.Right[i], 2);
        }
        return 10 * Math.Log10(err / energy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies")]
    public void Mastered_stems_sum_to_the_master(string lyric)
    {
        var request = new CompositionRequest { Prompt = "upbeat pop with piano, strings and drums, 30 seconds", Seed = 12, Model = "FUZZ-2.0 Pro", Lyric = lyric };
        var song = Composer.Compose(request);
        var options = TestSoundFonts.Options;
        AudioBuffer mix;
        using (var synth = new FluidSynthRenderer(options.SoundFontFor(song.Preset))) mix = synth.Render(song.Score);
        Voice.Vocals.RenderParts(song, mix, 0.5, CancellationToken.None)?.AddInto(mix);
        Mastering.Prepare(mix);
        var mastered = new AudioBuffer(mix.Frames, mix.SampleRate);
        var report = Mastering.Finish(mix, mastered, -2.6);

        var made = new SongEngine(options).Produce(new SongRecipe(request, report), stems: true, CancellationToken.None);
        // Made again from its recipe, the master is the same to the bit.
        Assert.Equal(mastered.Left, made.Master.Left);
        Assert.Equal(mastered.Right, made.Master.Right);
        var stems = made.Stems!;
        Assert.Contains(StemGroups.Drums, stems.Keys);
        Assert.Contains(StemGroups.Bass, stems.Keys);
        Assert.Contains("piano", stems.Keys);
        Assert.All(stems.Values, s => Assert.Equal(mastered.Frames, s.Frames));
        Assert.Equal(lyric.Length == 0, Media.RmsDb(stems[StemGroups.Vocals].Left) <= -199);

        double residual = ResidualDb(mastered, i => (stems.Values.Sum(s => s.Left[i]), stems.Values.Sum(s => s.Right[i])));
        output.WriteLine($"all stems summed vs master: {residual:F1} dB");
        Assert.True(residual < -40, $"stems sum to the master within {residual:F1} dB");
        var two = StemRenderer.VocalsAndInstrumental(stems);
        double twoResidual = ResidualDb(mastered, i => (two["vocals"].Left[i] + two["instrumental"].Left[i], two["vocals"].Right[i] + two["instrumental"].Right[i]));
        Assert.True(twoResidual < -40, $"vocals + instrumental within {twoResidual:F1} dB");

        // The two-stem zip sums the stems as it writes them: the same bytes as their sums written out.
        string dir = Directory.CreateTempSubdirectory("stems-").FullName;
        try
        {
            StemRenderer.WriteZip(two, Path.Combine(dir, "summed.zip"));
            StemRenderer.WriteVocalsAndInstrumentalZip(stems, Path.Combine(dir, "streamed.zip"));
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "summed.zip")), File.ReadAllBytes(Path.Combine(dir, "streamed.zip")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
