using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Core;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Engine.Mix;
using OpenProducer.Engine.Render;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

public class RenderTests
{
    private static Score OneNote(int program, int pitch, bool drums = false)
    {
        var track = new Track { Name = "t", Role = TrackRole.Lead, Channel = drums ? 9 : 0, Program = program, Gain = 1, Reverb = 0 };
        track.Notes.Add(new Note(0, 4, pitch, 100));
        return new Score
        {
            Tempo = 120, BeatsPerBar = 4, KeyRoot = 0, Minor = false,
            Sections = [new Section("A", SectionKind.Verse, 0, 1, 1)], Tracks = [track],
        };
    }

    [Fact]
    public void A_rendered_a4_has_its_energy_at_440_hz()
    {
        using var synth = new FluidSynthRenderer(TestSoundFonts.Small);
        var audio = synth.Render(OneNote(program: 73, pitch: 69), tailSeconds: 0.2); // flute
        var mid = audio.Left.AsSpan(22050, 44100);
        double at440 = Media.Magnitude(mid, 440, 44100);
        foreach (double other in new[] { 415.3, 466.2, 330, 220 })
            Assert.True(at440 > 5 * Media.Magnitude(mid, other, 44100), $"440 Hz not dominant over {other} Hz");
        Assert.Equal(2.2, audio.Seconds, 1);
    }

    [Fact]
    public void Each_part_lands_in_the_mix_with_its_gain()
    {
        using var a = new FluidSynthRenderer(TestSoundFonts.Small);
        var loud = a.Render(OneNote(0, 60));
        var score = OneNote(0, 60);
        var quiet = new Score
        {
            Tempo = score.Tempo, BeatsPerBar = 4, KeyRoot = 0, Minor = false, Sections = score.Sections,
            Tracks = [new Track { Name = "t", Role = TrackRole.Lead, Channel = 0, Program = 0, Gain = 0.5f, Reverb = 0 }],
        };
        quiet.Tracks[0].Notes.Add(new Note(0, 4, 60, 100));
        using var b = new FluidSynthRenderer(TestSoundFonts.Small);
        var half = b.Render(quiet);
        double ratio = Media.RmsDb(loud.Left) - Media.RmsDb(half.Left);
        // Half the gain is 6.02 dB less; the shared reverb return (not scaled per part) keeps it a little under.
        Assert.InRange(ratio, 5.8, 6.2);
    }

    [Fact]
    public void A_missing_soundfont_is_a_clear_engine_error()
    {
        var e = Assert.Throws<EngineException>(() => new FluidSynthRenderer("/nonexistent/x.sf2"));
        Assert.Contains("SoundFont not found", e.Message);
    }

    [Fact]
    public void Mastering_reaches_minus_14_lufs_with_true_peak_headroom_and_agrees_with_ffmpeg()
    {
        var song = Composer.Compose(new CompositionRequest { Prompt = "energetic rock, 30 seconds", Seed = 9 });
        using var synth = new FluidSynthRenderer(TestSoundFonts.Small);
        var (audio, report) = Mastering.Master(synth.Render(song.Score));
        Assert.InRange(report.IntegratedLufs, -14.5, -13.5);
        Assert.True(report.TruePeakDb <= -1.0, $"true peak {report.TruePeakDb:F2} dBTP");

        string wav = Path.Combine(Path.GetTempPath(), $"master-{Guid.NewGuid():N}.wav");
        try
        {
            WriteWav(audio, wav);
            var (lufs, peak) = Media.Ebur128(wav);
            Assert.Equal(report.IntegratedLufs, lufs, 0.3);
            Assert.True(peak <= -1.0, $"ffmpeg true peak {peak}");
        }
        finally { File.Delete(wav); }
    }

    private static void WriteWav(AudioBuffer audio, string path)
    {
        using var w = new BinaryWriter(File.Create(path));
        int bytes = audio.Frames * 2 * 4;
        w.Write("RIFF"u8); w.Write(36 + bytes); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)3); w.Write((short)2); w.Write(audio.SampleRate);
        w.Write(audio.SampleRate * 8); w.Write((short)8); w.Write((short)32);
        w.Write("data"u8); w.Write(bytes);
        for (int i = 0; i < audio.Frames; i++) { w.Write(audio.Left[i]); w.Write(audio.Right[i]); }
    }
}
