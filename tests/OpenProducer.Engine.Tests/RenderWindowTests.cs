using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Edit;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// An extension or a replacement renders only its new material, from a bar line a few seconds before the join:
/// after the pre-roll, that render is the whole render's audio to within a small residual, and the master's gain
/// over it is the whole render's.
/// </summary>
public class RenderWindowTests(ITestOutputHelper output)
{
    private const string Lyric = "[Verse]\nWoke up with the sun in my eyes\nNo clouds above just blue in the skies\n[Chorus]\nHappy days are rolling in\nLet the joy beneath my skin";

    [Fact]
    public async Task An_extension_rendered_from_before_its_join_is_the_whole_render_there_to_within_a_small_residual()
    {
        var engine = new SongEngine(TestSoundFonts.Options);
        string dir = Directory.CreateTempSubdirectory("window-").FullName;
        var source = await engine.CreateAsync(new CompositionRequest { Prompt = "upbeat pop with piano, 40 seconds", Seed = 11, Lyric = Lyric },
            Path.Combine(dir, "a.m4a"), Path.Combine(dir, "a.jpg"), null, CancellationToken.None);
        double from = 30;
        var edit = new SongRecipe(new CompositionRequest { Prompt = "upbeat pop with piano", Seed = 12, WriteLyrics = true }, source.Recipe.Master,
            new SongEdit(EditKind.Extend, source.Recipe, from, Seconds: 20));
        var window = SongWindow.Before(SongEngine.Compose(edit), from, 44100);
        Assert.NotNull(window);
        Assert.InRange(from - window.Offset / 44100.0, SongWindow.PreRollSeconds, SongWindow.PreRollSeconds + 20);
        Assert.Equal(0, window.Offset % 64);

        var windowed = engine.Produce(edit, stems: false, CancellationToken.None).Master;
        var whole = engine.RenderWhole(edit, stems: false, CancellationToken.None).Master;
        Assert.Equal(whole.Frames, windowed.Frames);
        int join = (int)Math.Round(from * 44100), fade = (int)Math.Round(Splice.CrossfadeSeconds * 44100);
        double residual = ResidualDb(whole, windowed, join + fade, whole.Frames);
        double levelAfter = LevelDb(windowed, join, join + 44100) - LevelDb(whole, join, join + 44100);
        double levelAll = LevelDb(windowed, join, whole.Frames) - LevelDb(whole, join, whole.Frames);
        output.WriteLine($"window from {window.Offset / 44100.0:F2} s: residual {residual:F1} dB under the new material; level in the second after the join {levelAfter:+0.00;-0.00} dB, over all of it {levelAll:+0.00;-0.00} dB");
        Assert.True(residual < -20, $"the windowed render differs from the whole one by {residual:F1} dB");
        Assert.InRange(levelAfter, -0.5, 0.5);
        Assert.InRange(levelAll, -0.5, 0.5);
    }

    /// <summary>The energy of the difference relative to the whole render's, over [from, to) (dB).</summary>
    private static double ResidualDb(AudioBuffer whole, AudioBuffer other, int from, int to)
    {
        double diff = 0, sig = 0;
        for (int i = from; i < to; i++)
        {
            diff += Sq(whole.Left[i] - other.Left[i]) + Sq(whole.Right[i] - other.Right[i]);
            sig += Sq(whole.Left[i]) + Sq(whole.Right[i]);
        }
        return 10 * Math.Log10(diff / sig + 1e-30);
    }

    private static double LevelDb(AudioBuffer a, int from, int to)
    {
        double e = 0;
        for (int i = from; i < to; i++) e += Sq(a.Left[i]) + Sq(a.Right[i]);
        return 10 * Math.Log10(e / (2.0 * (to - from)) + 1e-30);
    }

    private static double Sq(double x) => x * x;
}
