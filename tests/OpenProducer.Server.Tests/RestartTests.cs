using Microsoft.Data.Sqlite;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

public class RestartTests
{
    [Fact]
    public async Task A_task_interrupted_by_a_restart_is_finished_by_the_next_server_and_files_survive()
    {
        var first = await ProducerServer.StartAsync();
        var (_, done) = await first.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "pop, 30 seconds" });
        string earlierAudio = done.GetProperty("data")[0].GetProperty("audio_url").GetString()!;
        var (_, body) = await first.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "long rock song, 3 minutes", model = "FUZZ-2.0 Pro", async = true });
        string taskId = body.GetProperty("task_id").GetString()!;
        await WaitForState(first, taskId, "running");
        await first.StopAsync();

        await using var second = await ProducerServer.StartAsync(first.DataDir, token: first.Token);
        // A bound against a hang, not a speed bar: a three-minute song on a busy two-core machine.
        var record = await second.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(5));
        var response = record.GetProperty("response");
        Assert.True(response.GetProperty("success").GetBoolean(), response.GetRawText());
        string audio = await second.DownloadAsync(response.GetProperty("data")[0].GetProperty("audio_url").GetString()!, ".m4a");
        Assert.InRange(Media.Duration(audio), 150, 240);
        // A song made before the restart is still served (the new server has another port).
        string path = new Uri(earlierAudio).AbsolutePath;
        string old = await second.DownloadAsync(second.BaseUrl + path, ".m4a");
        Assert.True(Media.Duration(old) > 29);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_task_interrupted_twice_is_marked_failed_with_a_clear_reason()
    {
        var first = await ProducerServer.StartAsync();
        var (_, body) = await first.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "long jazz, 3 minutes", model = "FUZZ-2.0 Pro", async = true });
        string taskId = body.GetProperty("task_id").GetString()!;
        await WaitForState(first, taskId, "running");
        await first.StopAsync();
        // As if it had already been retried once after an earlier crash.
        using (var c = new SqliteConnection($"Data Source={first.Options.DatabasePath}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE tasks SET attempts = 2 WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", taskId);
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        await using var second = await ProducerServer.StartAsync(first.DataDir, token: first.Token);
        var record = await second.WaitForTaskAsync(taskId, TimeSpan.FromSeconds(10));
        var response = record.GetProperty("response");
        Assert.False(response.GetProperty("success").GetBoolean());
        Assert.Equal("api_error", response.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(StartupRecovery.InterruptedMessage, response.GetProperty("error").GetProperty("message").GetString());
        await first.DisposeAsync();
    }

    private static async Task WaitForState(ProducerServer server, string taskId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var (_, r) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = taskId });
            if (r.GetProperty("response").GetProperty("data")[0].GetProperty("state").GetString() == state) return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"task never reached {state}");
    }
}
