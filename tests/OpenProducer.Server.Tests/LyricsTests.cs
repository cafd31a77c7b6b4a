using System.Collections.Concurrent;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// /producer/lyrics through the HTTP pipeline: the spec's shape, the seed, the task record of its own type, a
/// callback, and an OpenAI-compatible chat endpoint when one is configured (served here on loopback), with the
/// built-in writer taking over when that endpoint fails.
/// </summary>
public class LyricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    [Fact]
    public async Task A_sheet_comes_back_in_the_spec_shape_and_the_seed_makes_it_reproducible()
    {
        var (status, body) = await Server.PostJsonAsync("/producer/lyrics", new { prompt = "A song about winter", seed = 7 });
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("success").GetBoolean());
        var data = body.GetProperty("data");
        Assert.Equal(["text", "title", "status", "lyrics"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("complete", data.GetProperty("status").GetString());
        string text = data.GetProperty("text").GetString()!;
        Assert.Equal(text, data.GetProperty("lyrics").GetString());
        Assert.Contains("[Chorus]", text);
        Assert.Contains("[Verse]", text);
        Assert.False(string.IsNullOrWhiteSpace(data.GetProperty("title").GetString()));

        var (_, again) = await Server.PostJsonAsync("/producer/lyrics", new { prompt = "A song about winter", seed = 7 });
        Assert.Equal(text, again.GetProperty("data").GetProperty("text").GetString());
        var (_, other) = await Server.PostJsonAsync("/producer/lyrics", new { prompt = "一首关于夏天海边的歌", seed = 7 });
        string chinese = other.GetProperty("data").GetProperty("text").GetString()!;
        Assert.NotEqual(text, chinese);
        Assert.Contains(chinese, c => c is >= '\u4e00' and <= '\u9fff');
    }

    [Fact]
    public async Task Async_lyrics_are_a_task_of_their_own_type_and_a_callback_delivers_them()
    {
        var received = new ConcurrentQueue<string>();
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = receiver.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            received.Enqueue(await new StreamReader(http.Request.Body).ReadToEndAsync());
            return Results.Ok();
        });
        await app.StartAsync();

        var (status, body) = await Server.PostJsonAsync("/producer/lyrics", new { prompt = "city lights at midnight", async = true });
        Assert.Equal(200, status);
        var record = await Server.WaitForTaskAsync(body.GetProperty("task_id").GetString()!);
        Assert.Equal("lyrics", record.GetProperty("type").GetString());
        Assert.Contains("[Chorus]", record.GetProperty("response").GetProperty("data").GetProperty("text").GetString());

        (status, body) = await Server.PostJsonAsync("/producer/lyrics", new { prompt = "a road trip", callback_url = app.Urls.First() + "/hook" });
        Assert.Equal(200, status);
        string taskId = body.GetProperty("task_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(received.TryDequeue(out var delivered), "no callback arrived");
        var json = JsonDocument.Parse(delivered).RootElement;
        Assert.Equal(taskId, json.GetProperty("task_id").GetString());
        Assert.Equal("complete", json.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_configured_chat_endpoint_writes_the_sheet_and_the_built_in_writer_covers_its_failures()
    {
        const string sheet = "[Verse]\nLine one of snow\nLine two of glow\nLine three is slow\nLine four we go\n[Chorus]\nWinter comes again\nFalling like the rain\nWinter comes again\nWashing off the pain";
        var asked = new ConcurrentQueue<JsonElement>();
        int mode = 0;
        var llm = WebApplication.CreateSlimBuilder();
        llm.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = llm.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            asked.Enqueue(JsonDocument.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync()).RootElement.Clone());
            if (mode == 1) return Results.StatusCode(503);
            string content = mode == 2 ? "Sorry, I cannot help with that." : "Title: Snow Again\n" + sheet;
            return Results.Json(new { choices = new[] { new { index = 0, message = new { role = "assistant", content } } } });
        });
        await app.StartAsync();

        await using var server = await ProducerServer.StartAsync(configure: o => o with { LyricsUrl = app.Urls.First() + "/v1", LyricsModel = "local-model" });
        var (status, body) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "snow", seed = 3 });
        Assert.Equal(200, status);
        Assert.Equal(sheet, body.GetProperty("data").GetProperty("text").GetString());
        Assert.Equal("Snow Again", body.GetProperty("data").GetProperty("title").GetString());
        Assert.True(asked.TryDequeue(out var request));
        Assert.Equal("local-model", request.GetProperty("model").GetString());
        Assert.Equal("snow", request.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(3, request.GetProperty("seed").GetInt64());

        // An error, then an answer that is not a sheet: the built-in writer answers both times.
        foreach (int m in new[] { 1, 2 })
        {
            mode = m;
            (status, body) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "snow", seed = 3 });
            Assert.Equal(200, status);
            string text = body.GetProperty("data").GetProperty("text").GetString()!;
            Assert.NotEqual(sheet, text);
            Assert.Contains("[Chorus]", text);
        }
        Assert.Equal(2, asked.Count);
    }
}
