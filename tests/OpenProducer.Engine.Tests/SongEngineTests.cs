using System.Security.Cryptography;
using OpenProducer.Engine.Composition;
using OpenProducer.Tests.Support;

namespace OpenProducer.Engine.Tests;

public class SongEngineTests
{
    private static async Task<(string Audio, string Image, RenderedSong Song)> Create(string prompt, ulong seed)
    {
        string dir = Directory.CreateTempSubdirectory("engine-").FullName;
        string audio = Path.Combine(dir, "a.m4a"), image = Path.Combine(dir, "a.jpg");
        var song = await new SongEngine(TestSoundFonts.Options).CreateAsync(
            new CompositionRequest { Prompt = prompt, Seed = seed }, audio, image, null, CancellationToken.None);
        return (audio, image, song);
    }

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task The_same_request_and_seed_give_byte_identical_files()
    {
        var a = await Create("funky disco, 30 seconds", 77);
        var b = await Create("funky disco, 30 seconds", 77);
        Assert.Equal(Sha(a.Audio), Sha(b.Audio));
        Assert.Equal(Sha(a.Image), Sha(b.Image));
        var c = await Create("funky disco, 30 seconds", 78);
        Assert.NotEqual(Sha(a.Audio), Sha(c.Audio));
        Assert.NotEqual(Sha(a.Image), Sha(c.Image));
    }

    [Fact]
    public async Task The_delivered_m4a_is_as_long_as_reported_loud_and_in_tempo()
    {
        var (audio, _, song) = await Create("rock anthem at 128 bpm, 40 seconds", 5);
        Assert.Equal(song.DurationSeconds, Media.Duration(audio), 0.05);
        var (lufs, _) = Media.Ebur128(audio);
        Assert.InRange(lufs, -15, -13);
        Assert.True(Media.TempoMatches(Media.AubioTempo(audio), 128), "aubio disagrees with 128 bpm");
    }
}
