using System.Collections.Concurrent;
using System.Text.Json;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

public class DeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ProducerServer Server => fixture.Server;

    private static readonly string[] RecordKeys = ["id", "type", "created_at", "started_at", "finished_at", "elapsed", "trace_id", "credits", "refunded", "request", "response"];

    [Fact]
    public async Task Async_returns_only_a_task_id_and_the_task_record_holds_the_result()
    {
        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "bossa nova, 30 seconds", async = true, seed = 5 });
        Assert.Equal(200, status);
        // The task's id, and (our extension) where the song can be heard while it is made.
        Assert.Equal(["task_id", "stream_audio_url"], body.EnumerateObject().Select(p => p.Name));
        string taskId = body.GetProperty("task_id").GetString()!;
        Assert.Equal($"{Server.BaseUrl}/files/live/{taskId}.mp3", body.GetProperty("stream_audio_url").GetString());

        var record = await Server.WaitForTaskAsync(taskId);
        Assert.Equal(RecordKeys, record.EnumerateObject().Select(p => p.Name));
        Assert.Equal(taskId, record.GetProperty("id").GetString());
        Assert.Equal("audios", record.GetProperty("type").GetString());
        double created = record.GetProperty("created_at").GetDouble(), started = record.GetProperty("started_at").GetDouble();
        double finished = record.GetProperty("finished_at").GetDouble();
        Assert.InRange(created, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 300, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(created <= started && started <= finished);
        Assert.InRange(record.GetProperty("elapsed").GetDouble() - (finished - created), -0.002, 0.002);
        Assert.Equal("bossa nova, 30 seconds", record.GetProperty("request").GetProperty("prompt").GetString());
        var response = record.GetProperty("response");
        Assert.True(response.GetProperty("success").GetBoolean());
        Assert.Equal(taskId, response.GetProperty("task_id").GetString());
        Assert.Equal(record.GetProperty("trace_id").GetString(), response.GetProperty("trace_id").GetString());
        Assert.Equal("succeeded", response.GetProperty("data")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Progress_is_visible_while_a_task_waits_or_runs()
    {
        var (_, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "epic orchestral, 90 seconds", model = "FUZZ-2.0 Pro", async = true });
        string taskId = body.GetProperty("task_id").GetString()!;
        var (_, record) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = taskId });
        Assert.Equal(JsonValueKind.Null, record.GetProperty("finished_at").ValueKind);
        var item = record.GetProperty("response").GetProperty("data")[0];
        Assert.Contains(item.GetProperty("state").GetString(), new[] { "pending", "running" });
        Assert.Matches(@"^\d{1,2}%$", item.GetProperty("progress").GetString());
        Assert.Equal(taskId, record.GetProperty("response").GetProperty("task_id").GetString());
        var done = await Server.WaitForTaskAsync(taskId);
        Assert.Equal("100%", done.GetProperty("response").GetProperty("data")[0].GetProperty("progress").GetString());
        Assert.Equal(item.GetProperty("id").GetString(), done.GetProperty("response").GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_batch_retrieve_lists_the_tasks_found_and_unknown_ids_are_empty()
    {
        var (_, a) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "reggae, 30 seconds", async = true });
        var (_, b) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "country, 30 seconds", async = true });
        string idA = a.GetProperty("task_id").GetString()!, idB = b.GetProperty("task_id").GetString()!;
        var (status, batch) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve_batch", ids = new[] { idA, "no-such-task", idB } });
        Assert.Equal(200, status);
        Assert.Equal(2, batch.GetProperty("count").GetInt32());
        Assert.Equal([idA, idB], batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var (unknownStatus, unknown) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = Guid.NewGuid().ToString() });
        Assert.Equal(200, unknownStatus);
        Assert.Equal(JsonValueKind.Object, unknown.ValueKind);
        Assert.Empty(unknown.EnumerateObject());
    }

    [Fact]
    public async Task Another_applications_task_is_not_visible()
    {
        var (_, a) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "trap, 30 seconds", async = true });
        string other = Server.CreateToken("someone else");
        var (_, record) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = a.GetProperty("task_id").GetString() }, other);
        Assert.Empty(record.EnumerateObject());
    }

    [Fact]
    public async Task A_callback_receives_the_synchronous_answer_and_is_retried_when_the_receiver_fails()
    {
        var received = new ConcurrentQueue<string>();
        int calls = 0;
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = receiver.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            string text = await new StreamReader(http.Request.Body).ReadToEndAsync();
            // The first delivery fails: the server must try again.
            if (Interlocked.Increment(ref calls) == 1) return Results.StatusCode(500);
            received.Enqueue(text);
            return Results.Ok();
        });
        await app.StartAsync();
        string hook = app.Urls.First() + "/hook";

        var (status, body) = await Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "house music, 30 seconds", callback_url = hook });
        Assert.Equal(200, status);
        Assert.Equal(["task_id", "stream_audio_url"], body.EnumerateObject().Select(p => p.Name));
        string taskId = body.GetProperty("task_id").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(received.TryDequeue(out var delivered), "no callback arrived");
        Assert.Equal(2, calls);
        var json = JsonDocument.Parse(delivered).RootElement;
        var record = await Server.WaitForTaskAsync(taskId);
        Assert.Equal(record.GetProperty("response").GetRawText(), json.GetRawText());
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal(taskId, json.GetProperty("task_id").GetString());
        Assert.Equal("succeeded", json.GetProperty("data")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Requests_are_answered_while_songs_render()
    {
        var slow = Server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "long ballad, 3 minutes", model = "FUZZ-2.0 Pro" });
        await Task.Delay(300);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 5; i++)
        {
            var (status, _) = await Server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = "x" });
            Assert.Equal(200, status);
        }
        Assert.False(slow.IsCompleted, "the slow song finished before the check: the test proves nothing");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"5 task reads took {sw.Elapsed}");
        Assert.Equal(200, (await slow).Status);
    }
}
