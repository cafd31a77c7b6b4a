using OpenProducer.Client.Songs;
using OpenProducer.Client.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Client.Tests;

/// <summary>The camelCase dialect's edits (the create_music family) through the SDK against a real server.</summary>
[Collection(SharedClientServer.Name)]
public class MusicDialectTests(ClientServer fixture, ITestOutputHelper output)
{
    private SongItem Song => fixture.Song;

    private async Task<SongItem> Made(SongRequest request)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var item = Assert.Single((await fixture.Client.Songs.CreateAsync(request)).Value);
        output.WriteLine($"{request.Action}: {item.Duration:0.0} s of song in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("succeeded", item.State);
        Assert.NotEqual(Song.Id, item.Id);
        return item;
    }

    [Fact]
    public async Task Replace_music_keeps_the_songs_length()
    {
        var item = await Made(new ReplaceMusicRequest { AudioId = Song.Id, ReplaceStart = 5, ReplaceEnd = 10, MakeInstrumental = true });
        Assert.Equal(Song.Duration!.Value, item.Duration!.Value, 0);
    }

    [Fact]
    public async Task Cover_music_plays_the_song_in_the_sounds_given()
    {
        var item = await Made(new CoverMusicRequest { AudioId = Song.Id, Sounds = [new SoundPrompt { Text = "reggae", Strength = 0.9 }], CoverStrength = 0.7, MakeInstrumental = true });
        Assert.Equal("reggae", item.Sound);
    }

    [Fact]
    public async Task Swap_music_sound_plays_new_music_in_the_sounds_given()
    {
        var item = await Made(new SwapMusicSoundRequest { AudioId = Song.Id, Sounds = [new SoundPrompt { Text = "funk" }], MakeInstrumental = true });
        Assert.Equal("funk", item.Sound);
    }

    [Fact]
    public async Task Swap_music_vocals_sings_the_lyrics_given()
    {
        const string lyrics = "[Verse]\nA new voice comes in\nOver the same old keys";
        var item = await Made(new SwapMusicVocalsRequest { AudioId = Song.Id, Lyrics = lyrics, VocalGender = "f" });
        Assert.Equal(lyrics, item.Lyric);
    }

    [Fact]
    public async Task Music_variation_takes_the_seed_given()
    {
        var item = await Made(new MusicVariationRequest { AudioId = Song.Id, MakeInstrumental = true, Seed = "77" });
        Assert.Equal("77", item.Seed);
    }
}
