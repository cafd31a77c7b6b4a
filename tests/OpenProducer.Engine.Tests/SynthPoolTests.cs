using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Tests.Support;
using Preset = OpenProducer.Engine.Render.SynthPool.Preset;

namespace OpenProducer.Engine.Tests;

/// <summary>
/// The pool's keepers hold the presets recent renders played, within a byte budget, so a song does not read samples
/// the last one read; what a preset costs is read from the SoundFont's headers; a render from held samples is the
/// same to the bit as one that read them itself.
/// </summary>
public class SynthPoolTests
{
    private static readonly Preset A = new("a.sf2", 0, 1), B = new("a.sf2", 0, 2), C = new("a.sf2", 0, 3), D = new("b.sf2", 128, 0);

    private static long Size(Preset p) => p.Number switch { 1 => 40, 2 => 30, 3 => 50, _ => 20 };

    [Fact]
    public void A_render_whose_presets_fit_takes_them_all_and_lets_go_of_nothing()
    {
        var (let, take) = SynthPool.Plan([], [A, B, D, A], 100, Size);
        Assert.Empty(let);
        Assert.Equal([A, B, D], take);
    }

    [Fact]
    public void The_presets_held_longest_unused_go_first_until_the_render_fits()
    {
        // Held: A (used at 1), B (at 5), D (at 3): 90 bytes. The render plays C (50): 140 > 100, so A goes (100 fits).
        var (let, take) = SynthPool.Plan([(A, 1), (B, 5), (D, 3)], [C], 100, Size);
        Assert.Equal([A], let);
        Assert.Equal([C], take);
        // With 80 bytes, D (used before B) goes too, and B stays: 30 + 50.
        (let, take) = SynthPool.Plan([(A, 1), (B, 5), (D, 3)], [C], 80, Size);
        Assert.Equal([A, D], let);
        Assert.Equal([C], take);
    }

    [Fact]
    public void A_preset_the_render_plays_is_never_let_go_and_is_not_taken_twice()
    {
        var (let, take) = SynthPool.Plan([(A, 1), (B, 2)], [A, C], 90, Size);
        Assert.Equal([B], let);
        Assert.Equal([C], take);   // A (40) + C (50)
        // With 85 bytes A still stays (the render plays it, though it was used longest ago), and C does not fit.
        (let, take) = SynthPool.Plan([(A, 1), (B, 2)], [A, C], 85, Size);
        Assert.Equal([B], let);
        Assert.Empty(take);
    }

    [Fact]
    public void A_render_that_needs_more_than_the_budget_lets_go_of_the_rest_and_takes_what_fits_in_order()
    {
        var (let, take) = SynthPool.Plan([(D, 7)], [A, C, B], 75, Size);
        Assert.Equal([D], let);
        Assert.Equal([A, B], take);   // A (40) fits, C (50) would not, B (30) does: 70
        (let, take) = SynthPool.Plan([(D, 7)], [A], 0, Size);
        Assert.Equal([D], let);
        Assert.Empty(take);
    }

    [Fact]
    public void A_preset_costs_the_sample_data_its_instruments_play_as_the_SoundFont_headers_say()
    {
        var sizes = SoundFontSizes.Read(TestSoundFonts.Small);
        // Every General MIDI program and the standard kit have samples; nothing costs more than the file holds.
        long file = new FileInfo(TestSoundFonts.Small).Length;
        for (int program = 0; program < 128; program++)
            Assert.InRange(SoundFontSizes.Of(TestSoundFonts.Small, 0, program), 1_000, file);
        Assert.InRange(SoundFontSizes.Of(TestSoundFonts.Small, 128, 0), 10_000, file);
        Assert.True(sizes.Count >= 129, $"{sizes.Count} presets");
        // A piano has more samples than a sine-like lead (TimGM6mb: many zones across the keyboard).
        Assert.True(SoundFontSizes.Of(TestSoundFonts.Small, 0, 0) > SoundFontSizes.Of(TestSoundFonts.Small, 0, 80) / 2);
        // No such preset, no such file, not a SoundFont: nothing.
        Assert.Equal(0, SoundFontSizes.Of(TestSoundFonts.Small, 77, 5));
        Assert.Equal(0, SoundFontSizes.Of("/nonexistent/x.sf2", 0, 0));
        string text = Path.GetTempFileName();
        try
        {
            File.WriteAllText(text, "not a SoundFont at all");
            Assert.Empty(SoundFontSizes.Read(text));
            // A SoundFont cut short in its headers: nothing either, and no exception.
            var bytes = File.ReadAllBytes(TestSoundFonts.Small);
            File.WriteAllBytes(text, bytes[..^600]);
            Assert.Empty(SoundFontSizes.Read(text));
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Fact]
    public void A_render_from_samples_a_keeper_holds_is_the_same_to_the_bit_as_one_that_read_them()
    {
        var score = Composer.Compose(new CompositionRequest { Prompt = "soft piano ballad with strings, 20 seconds", Seed = 5 }).Score;
        var sounds = SoundSet.General(TestSoundFonts.Small);
        AudioBufferPair Render(FluidSynthRenderer synth)
        {
            int frames = synth.FramesFor(score);
            var mixer = new BandMixer(score, frames, synth.SampleRate, stems: false);
            synth.Render(score, frames, mixer);
            var mix = mixer.Finish().Mix;
            return new(mix.Left, mix.Right);
        }
        AudioBufferPair own;
        using (var synth = new FluidSynthRenderer(sounds)) own = Render(synth);
        // Rented twice: the second render's presets are held by the keeper before it selects them.
        AudioBufferPair first, second;
        using (var lease = SynthPool.Rent(sounds, 44100, score)) first = Render(lease.Synth);
        using (var lease = SynthPool.Rent(sounds, 44100, score)) second = Render(lease.Synth);
        Assert.True(own.Left.Length > 44100 * 15, $"{own.Left.Length} frames");
        foreach (var other in new[] { first, second })
            Assert.True(own.Left.AsSpan().SequenceEqual(other.Left) && own.Right.AsSpan().SequenceEqual(other.Right), "the renders differ");
    }

    private sealed record AudioBufferPair(float[] Left, float[] Right);
}
