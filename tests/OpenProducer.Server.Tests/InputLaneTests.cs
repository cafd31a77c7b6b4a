using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Inputs a request points at (a cover image by URL) are fetched and read before any rendering, on a lane of their
/// own: a bad image costs no render, a slow image server holds no song worker.
/// </summary>
public class InputLaneTests
{
    /// <summary>A loopback web server: /page is HTML, /slow answers only when the test ends.</summary>
    private static async Task<(WebApplication App, string Url, CancellationTokenSource Release)> ImageHostAsync()
    {
        var release = new CancellationTokenSource();
        var host = WebApplication.CreateSlimBuilder();
        host.WebHost.UseUrls("http://127.0.0.1:0");
        var app = host.Build();
        app.MapGet("/page", () => Results.Content("<html><body>not an image</body></html>", "text/html"));
        app.MapGet("/slow", async () =>
        {
            try { await Task.Delay(TimeSpan.FromSeconds(25), release.Token); } catch (OperationCanceledException) { }
            return Results.Content("late", "text/plain");
        });
        await app.StartAsync();
        return (app, app.Urls.First(), release);
    }

    /// <summary>A song made on a working server; then the same data folder served by one whose engine cannot render.</summary>
    private static async Task<(ProducerServer Broken, string AudioId)> SongThenBrokenAsync(int workers)
    {
        string audioId, dataDir, token;
        await using (var working = await ProducerServer.StartAsync())
        {
            var (status, song) = await working.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "calm piano, 30 seconds", instrumental = true });
            Assert.Equal(200, status);
            (audioId, dataDir, token) = (song.GetProperty("data")[0].GetProperty("id").GetString()!, working.DataDir, working.Token);
        }
        return (await ProducerServer.StartBrokenAsync(dataDir, token, o => o with { Workers = workers }), audioId);
    }

    [Fact]
    public async Task A_cover_art_url_that_is_not_an_image_fails_before_anything_is_rendered_and_is_refunded()
    {
        var (images, baseUrl, release) = await ImageHostAsync();
        await using var _ = images;
        var (server, audioId) = await SongThenBrokenAsync(workers: 1);
        await using var __ = server;
        // Were the song rendered first, this engine's failure would be the answer.
        var (status, body) = await server.PostJsonAsync("/producer/audios", new
        {
            action = "cover_music", audioId, sounds = new[] { new { text = "jazz", strength = 0.8 } }, coverArtUrl = baseUrl + "/page",
        });
        Assert.Equal(500, status);
        Assert.Equal("coverArtUrl is not an image that can be read.", body.GetProperty("error").GetProperty("message").GetString());
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = body.GetProperty("task_id").GetString() });
        Assert.True(record.GetProperty("refunded").GetBoolean());
        release.Cancel();
    }

    [Fact]
    public async Task A_slow_image_server_does_not_hold_the_only_song_worker()
    {
        var (images, baseUrl, release) = await ImageHostAsync();
        await using var _ = images;
        var (server, audioId) = await SongThenBrokenAsync(workers: 1);
        await using var __ = server;
        var (_, cover) = await server.PostJsonAsync("/producer/audios", new
        {
            action = "cover_music", audioId, sounds = new[] { new { text = "jazz", strength = 0.8 } }, coverArtUrl = baseUrl + "/slow", async = true,
        });
        string coverTask = cover.GetProperty("task_id").GetString()!;
        await Task.Delay(500);
        // The only song worker is free for this song (which fails at once on this engine) while the image is awaited.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, _) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop" });
        Assert.Equal(500, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the song waited {clock.Elapsed.TotalSeconds:0} s");
        var (_, record) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = coverTask });
        Assert.Equal(JsonValueKind.Null, record.GetProperty("finished_at").ValueKind);
        release.Cancel();
        var done = await server.WaitForTaskAsync(coverTask, TimeSpan.FromSeconds(60));
        Assert.Equal("coverArtUrl is not an image that can be read.", done.GetProperty("response").GetProperty("error").GetProperty("message").GetString());
    }
}
