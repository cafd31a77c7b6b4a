using System.Text.Json;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>How long a song may last, how deep a chain of edits may go, and stems made once per song.</summary>
public class SongLimitTests(ShortSongFixture fixture) : IClassFixture<ShortSongFixture>
{
    /// <summary>
    /// Stores a song as the server would, with the recipe and duration given (the recipe's source chain as deep as
    /// asked), for the checks made at submission.
    /// </summary>
    private static async Task<string> StoreSongAsync(ProducerServer server, string token, int depth, double duration)
    {
        var db = new Database(server.Options.DatabasePath);
        string app = (await new TokenStore(db).AuthenticateAsync(token)).Caller!.ApplicationId;
        var recipe = new SongRecipe(new CompositionRequest { Prompt = "pop", Seed = 1, Instrumental = true }, null);
        for (int i = 0; i < depth; i++) recipe = new SongRecipe(recipe.Request with { Seed = (ulong)i + 2 }, null, new SongEdit(EditKind.Extend, recipe, From: 20));
        string id = Guid.NewGuid().ToString();
        string data = JsonSerializer.Serialize(new { id, title = "Pop", sound = "pop", lyric = "[Instrumental]", duration = duration.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        new SongStore(db).Insert(id, app, Guid.NewGuid().ToString(), new string('a', 32), data, "{}", JsonSerializer.Serialize(recipe));
        return id;
    }

    private static async Task<(int Status, JsonElement Body)> Extend(ProducerServer server, string token, string audioId, double seconds) =>
        await server.PostJsonAsync("/producer/audios", new { action = "extend_music", audioId, extendDuration = seconds, async = true }, token);

    [Fact]
    public async Task A_song_at_the_end_of_a_chain_of_eight_edits_cannot_be_edited_again_and_nothing_is_charged()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        var app = new TokenStore(new Database(server.Options.DatabasePath)).Create("chain", 100);
        string deep = await StoreSongAsync(server, app.Token, depth: 8, duration: 60), shallower = await StoreSongAsync(server, app.Token, depth: 7, duration: 60);
        foreach (var action in new[] { "extend_music", "variation" })
        {
            var (status, body) = await server.PostJsonAsync("/producer/audios",
                action == "variation" ? new { action, audio_id = deep } : (object)new { action, audioId = deep, extendDuration = 10 }, app.Token);
            Assert.Equal(400, status);
            Assert.StartsWith((action == "variation" ? "audio_id" : "audioId") + " is invalid: the song is the end of a chain of 8 edits",
                body.GetProperty("error").GetProperty("message").GetString());
        }
        Assert.Equal(100, (await server.GetJsonAsync("/v1/balance", app.Token)).Body.GetProperty("balance").GetInt64());
        Assert.Equal(200, (await Extend(server, app.Token, shallower, 10)).Status);
    }

    [Fact]
    public async Task An_extension_past_eight_minutes_is_refused_at_submission()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        string song = await StoreSongAsync(server, server.Token, depth: 0, duration: 400);
        var (status, body) = await Extend(server, server.Token, song, 100);
        Assert.Equal(400, status);
        Assert.Equal("extendDuration is invalid: the song would last 500 seconds; a song may last at most 480 seconds (8 minutes).",
            body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(200, (await Extend(server, server.Token, song, 80)).Status);
    }

    [Fact]
    public async Task An_extension_whose_words_would_take_it_past_eight_minutes_fails_before_rendering_and_is_refunded()
    {
        var server = fixture.Server;
        string words = "[Verse]\n" + string.Join("\n", Enumerable.Repeat("la la", 800));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "extend", audio_id = fixture.AudioId, lyric = words });
        Assert.Equal(500, status);
        Assert.Matches(@"^The song would last \d+(\.\d)? minutes; a song may last at most 8 minutes\.$", body.GetProperty("error").GetProperty("message").GetString());
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = body.GetProperty("task_id").GetString() });
        Assert.True(record.GetProperty("refunded").GetBoolean());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public async Task Stems_are_made_once_per_song_and_kind_and_the_same_zip_is_handed_out_again()
    {
        var server = fixture.Server;
        async Task<string> Stems(string action)
        {
            var (status, body) = await server.PostJsonAsync("/producer/audios", new { action, audio_id = fixture.AudioId });
            Assert.True(status == 200, body.GetRawText());
            return body.GetProperty("data")[0].GetProperty("stems_url").GetString()!;
        }
        string first = await Stems("stems");
        string path = Path.Combine(server.Options.FilesDir, new Uri(first).Segments[^2].TrimEnd('/'), new Uri(first).Segments[^1]);
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(first, await Stems("stems"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        string all = await Stems("all_stems");
        Assert.NotEqual(first, all);
        Assert.Equal(all, await Stems("all_stems"));
        Assert.Equal(2, Wav.ReadZip(await server.DownloadAsync(first, ".zip")).Count);
    }
}
