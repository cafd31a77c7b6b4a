using OpenProducer.Client.Core;
using OpenProducer.Client.Songs;
using OpenProducer.Client.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Client.Tests;

/// <summary>
/// Every song action of <c>/producer/audios</c> through the SDK against a real server, synchronously: the answer is
/// the finished song, and what the request asked for (its title, seed, span, style) shows in it.
/// </summary>
[Collection(SharedClientServer.Name)]
public class SongActionTests(ClientServer fixture, ITestOutputHelper output)
{
    private ProducerClient Client => fixture.Client;
    private SongItem Song => fixture.Song;

    private async Task<SongItem> Made(SongRequest request)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Client.Songs.CreateAsync(request);
        var item = Assert.Single(result.Value);
        output.WriteLine($"{request.Action}: {item.Duration:0.0} s of song in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("succeeded", item.State);
        Assert.Equal("100%", item.Progress);
        Assert.NotEqual(Song.Id, item.Id);
        Assert.False(string.IsNullOrEmpty(result.TaskId));
        Assert.True(FileKinds.IsMp4(await Client.Files.GetBytesAsync(item.AudioUrl!)), $"{request.Action}'s audio is an m4a");
        return item;
    }

    [Fact]
    public async Task Generate_instrumental_answers_the_finished_song_with_the_title_and_seed_asked()
    {
        Assert.Equal("succeeded", Song.State);
        Assert.Equal("Client test song", Song.Title);
        Assert.Equal("5", Song.Seed);
        Assert.Equal("[Instrumental]", Song.Lyric);
        Assert.Equal("calm piano, 30 seconds", Song.Sound);
        Assert.InRange(Song.Duration!.Value, 25, 45);
        Assert.True(FileKinds.IsMp4(await Client.Files.GetBytesAsync(Song.AudioUrl!)));
        Assert.Null(Song.StreamAudioUrl);
        // Its details are the engine's own record of the same song.
        var details = await Client.Songs.GetDetailsAsync(Song.Id);
        Assert.Equal(Song.Id, details.Id);
        Assert.InRange(details.Tempo!.Value, 40, 220);
        Assert.Equal(Song.Duration!.Value, details.Duration!.Value, 2);
    }

    [Fact]
    public async Task Generate_in_custom_mode_sings_the_words_given()
    {
        const string lyric = "[Verse]\nSmall bright morning\nSing it slow";
        var item = await Made(new GenerateSongRequest
        {
            Custom = true, Lyric = lyric, Prompt = "folk, 15 seconds", VocalGender = "f", Seed = "11", Title = "Custom words",
        });
        Assert.Equal(lyric, item.Lyric);
        Assert.Equal("Custom words", item.Title);
        Assert.Equal("folk, 15 seconds", item.Sound);
    }

    [Fact]
    public async Task Create_music_in_the_camel_case_dialect_takes_its_sounds()
    {
        var item = await Made(new CreateMusicRequest
        {
            Sounds = [new SoundPrompt { Text = "lofi hip hop, 15 seconds", Strength = 0.8 }], MakeInstrumental = true, Seed = "3",
        });
        Assert.Equal("lofi hip hop, 15 seconds", item.Sound);
        Assert.Equal("[Instrumental]", item.Lyric);
    }

    [Fact]
    public async Task Extend_keeps_the_song_to_continue_at_and_adds_new_material()
    {
        var item = await Made(new ExtendSongRequest { AudioId = Song.Id, ContinueAt = 10, Prompt = "calm piano", Instrumental = true, Seed = "4" });
        Assert.True(item.Duration > 12, $"extended from 10 s to {item.Duration} s");
    }

    [Fact]
    public async Task Extend_music_adds_about_the_extend_duration_asked()
    {
        var item = await Made(new ExtendMusicRequest { AudioId = Song.Id, ContinueAt = 10, ExtendDuration = 12, MakeInstrumental = true });
        Assert.InRange(item.Duration!.Value, 10 + 12 * 0.6, 10 + 12 * 1.6);
    }

    [Fact]
    public async Task Replace_section_keeps_the_songs_length()
    {
        var item = await Made(new ReplaceSectionRequest { AudioId = Song.Id, ReplaceSectionStart = 5, ReplaceSectionEnd = 10, Prompt = "calm piano", Instrumental = true });
        Assert.Equal(Song.Duration!.Value, item.Duration!.Value, 0);
    }

    [Fact]
    public async Task Cover_plays_the_song_in_the_style_asked()
    {
        var item = await Made(new CoverSongRequest { AudioId = Song.Id, Prompt = "bossa nova", CoverStrength = 0.8, Instrumental = true });
        Assert.Equal("bossa nova", item.Sound);
    }

    [Fact]
    public async Task Variation_makes_a_new_take_in_the_songs_style()
    {
        var item = await Made(new VariationRequest { AudioId = Song.Id, Instrumental = true, Seed = "9" });
        Assert.Equal("9", item.Seed);
        Assert.Equal("[Instrumental]", item.Lyric);
    }

    [Fact]
    public async Task Swap_vocals_sings_new_words_over_the_songs_music()
    {
        const string lyric = "[Verse]\nHere is a voice\nWhere the piano was";
        var item = await Made(new SwapVocalsRequest { AudioId = Song.Id, Lyric = lyric, VocalGender = "m" });
        Assert.Equal(lyric, item.Lyric);
    }

    [Fact]
    public async Task Swap_instrumentals_plays_new_music_in_the_style_asked()
    {
        var item = await Made(new SwapInstrumentalsRequest { AudioId = Song.Id, Prompt = "synthwave", Instrumental = true });
        Assert.Equal("synthwave", item.Sound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stems_and_all_stems_answer_a_zip(bool all)
    {
        var result = await Client.Songs.CreateStemsAsync(new StemsRequest { AudioId = Song.Id, All = all });
        var stems = Assert.Single(result.Value);
        Assert.Equal("succeeded", stems.State);
        Assert.True(FileKinds.IsZip(await Client.Files.GetBytesAsync(stems.StemsUrl!)));
    }

    [Fact]
    public async Task The_finished_task_is_found_again_by_its_id()
    {
        var task = await Client.Tasks.GetAsync(fixture.SongTaskId);
        Assert.NotNull(task);
        Assert.Equal("audios", task.Type);
        Assert.True(task.IsFinished);
        Assert.False(task.IsFailed);
        Assert.Equal(new TaskProgress("succeeded", 100, TimeSpan.FromSeconds(task.Elapsed)), task.Progress);
        Assert.Equal("generate", task.Request.GetProperty("action").GetString());
        var many = await Client.Tasks.GetManyAsync([fixture.SongTaskId, "no-such-task", fixture.SongTaskId]);
        Assert.Equal([fixture.SongTaskId, fixture.SongTaskId], many.Select(t => t.Id));
        Assert.Null(await Client.Tasks.GetAsync("no-such-task"));
        var page = await Client.Tasks.ListAsync(new Tasks.TaskListOptions { Type = "audios", State = "succeeded", Limit = 100 });
        Assert.Contains(page.Items, t => t.Id == fixture.SongTaskId);
        Assert.All(page.Items, t => Assert.Equal("audios", t.Type));
    }
}
