using OpenProducer.Engine.Core;
using OpenProducer.Engine.Separation;
using OpenProducer.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Engine.Tests.Separation;

/// <summary>The sung songs, made once for the class and separated once each.</summary>
public sealed class SeparatedSongs
{
    public SeparatedSongs()
    {
        string sheet = SungSongs.FirstVerse(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "chinese-sheet.txt")));
        foreach (var (name, request) in SungSongs.Requests(sheet))
        {
            var song = SungSongs.Make(name, request, TestSoundFonts.Options, CancellationToken.None);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = VocalSeparator.Separate(song.Mix, CancellationToken.None);
            Seconds += watch.Elapsed.TotalSeconds;
            Songs.Add((song, result));
        }
    }

    public List<(SungSong Song, SeparatedRecording Result)> Songs { get; } = [];
    /// <summary>Time spent separating, all songs together.</summary>
    public double Seconds { get; }
}

/// <summary>Vocal separation judged on the engine's own sung songs, whose exact stems are the truth.</summary>
public class SeparationTests(SeparatedSongs fixture, ITestOutputHelper output) : IClassFixture<SeparatedSongs>
{
    [Fact]
    public void Vocals_and_accompaniment_are_separated_on_sung_songs()
    {
        List<SourceScore> vocals = [], accompaniment = [];
        List<double> leaks = [];
        foreach (var (song, result) in fixture.Songs)
        {
            var v = SeparationScore.Score(result.Vocals, song.Vocals, song.Accompaniment);
            var a = SeparationScore.Score(result.Accompaniment, song.Accompaniment, song.Vocals);
            double leak = SeparationScore.LeakWhileSilentDb(result.Vocals, song.Vocals, song.Mix);
            vocals.Add(v);
            accompaniment.Add(a);
            leaks.Add(leak);
            output.WriteLine($"{song.Name,-12} {song.Mix.Seconds,5:F1} s  vocals SDR {v.Sdr:F2} SIR {v.Sir:F2}  accompaniment SDR {a.Sdr:F2} SIR {a.Sir:F2}  "
                + $"vocal estimate while nobody sings {leak:F1} dB");
        }
        double vocalSdr = SeparationScore.Median(vocals.Select(s => s.Sdr)), vocalSir = SeparationScore.Median(vocals.Select(s => s.Sir));
        double accSdr = SeparationScore.Median(accompaniment.Select(s => s.Sdr)), accSir = SeparationScore.Median(accompaniment.Select(s => s.Sir));
        double leaked = SeparationScore.Median(leaks);
        double minutes = fixture.Songs.Sum(s => s.Song.Mix.Seconds) / 60;
        output.WriteLine($"median: vocals SDR {vocalSdr:F2} SIR {vocalSir:F2}; accompaniment SDR {accSdr:F2} SIR {accSir:F2}; "
            + $"vocal estimate while nobody sings {leaked:F1} dB; {fixture.Seconds / minutes:F2} s per minute of audio");
        // At least what the earlier separator reached on sung songs (5.20 / 6.40 dB vocals, 4.41 / 7.33 dB accompaniment).
        Assert.True(vocalSdr >= 5.2, $"median vocal SDR {vocalSdr:F2} dB");
        Assert.True(accSdr >= 4.41, $"median accompaniment SDR {accSdr:F2} dB");
        Assert.True(vocalSir >= 6.4, $"median vocal SIR {vocalSir:F2} dB");
        Assert.True(accSir >= 7.33, $"median accompaniment SIR {accSir:F2} dB");
        // Where nobody sings, the vocal estimate stays well under the band (the lead instrument between lines included).
        Assert.True(leaked <= -8, $"median vocal estimate while nobody sings {leaked:F1} dB");
        // No song is given up on: every one gets a vocal estimate well above silence's 0 dB.
        Assert.All(vocals, v => Assert.True(v.Sdr >= 3.5, $"vocal SDR {v.Sdr:F2} dB"));
    }

    [Fact]
    public void Vocals_and_accompaniment_add_up_to_the_mix()
    {
        foreach (var (song, result) in fixture.Songs)
        {
            Assert.Equal(song.Mix.Frames, result.Vocals.Frames);
            Assert.Equal(song.Mix.Frames, result.Accompaniment.Frames);
            Assert.Equal(song.Mix.SampleRate, result.Vocals.SampleRate);
            Assert.Equal(song.Mix.SampleRate, result.Accompaniment.SampleRate);
            double worst = 0;
            for (int i = 0; i < song.Mix.Frames; i++)
            {
                worst = Math.Max(worst, Excess(song.Mix.Left[i], result.Vocals.Left[i], result.Accompaniment.Left[i]));
                worst = Math.Max(worst, Excess(song.Mix.Right[i], result.Vocals.Right[i], result.Accompaniment.Right[i]));
            }
            // Accompaniment is mix − vocals in float: adding back costs at most two half-unit roundings of the largest term.
            Assert.True(worst <= 2, $"{song.Name}: the parts miss the mix by {worst:F2} half units");
        }
    }

    /// <summary>How far v + a is from the mix, in half units in the last place of the largest of the three (one rounding at most).</summary>
    private static double Excess(float mix, float vocals, float accompaniment)
    {
        float sum = vocals + accompaniment;
        float scale = Math.Max(Math.Abs(mix), Math.Max(Math.Abs(vocals), Math.Abs(accompaniment)));
        return scale == 0 ? (sum == 0 ? 0 : double.PositiveInfinity) : Math.Abs(sum - mix) / (scale * MathF.Pow(2, -24));
    }

    [Fact]
    public void The_same_recording_separates_to_the_same_bytes()
    {
        var (song, first) = fixture.Songs.MinBy(s => s.Song.Mix.Frames);
        var again = VocalSeparator.Separate(song.Mix, CancellationToken.None);
        Assert.Equal(first.Vocals.Left, again.Vocals.Left);
        Assert.Equal(first.Vocals.Right, again.Vocals.Right);
        Assert.Equal(first.Accompaniment.Left, again.Accompaniment.Left);
    }

    [Fact]
    public void A_cancelled_separation_stops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => VocalSeparator.Separate(fixture.Songs[0].Song.Mix, cancel.Token));
    }

    [Fact]
    public void Silence_and_very_short_inputs_come_back_whole()
    {
        var empty = VocalSeparator.Separate(new AudioBuffer(0, 44100), CancellationToken.None);
        Assert.Equal(0, empty.Vocals.Frames);
        var silent = VocalSeparator.Separate(new AudioBuffer(48000, 48000), CancellationToken.None);
        Assert.All(silent.Vocals.Left, x => Assert.Equal(0f, x));
        var shortMix = new AudioBuffer(100, 22050);
        for (int i = 0; i < 100; i++) { shortMix.Left[i] = MathF.Sin(i * 0.3f); shortMix.Right[i] = shortMix.Left[i]; }
        var result = VocalSeparator.Separate(shortMix, CancellationToken.None);
        Assert.Equal(100, result.Accompaniment.Frames);
        for (int i = 0; i < 100; i++) Assert.Equal(shortMix.Left[i], result.Vocals.Left[i] + result.Accompaniment.Left[i], 1e-6f);
    }
}
