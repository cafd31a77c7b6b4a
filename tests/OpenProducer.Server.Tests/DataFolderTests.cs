using Microsoft.Data.Sqlite;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>The data folder: one server at a time on SQLite.</summary>
public class DataFolderTests
{
    private static (string State, long Attempts) TaskState(string database, string taskId)
    {
        using var c = new SqliteConnection($"Data Source={database}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT state, attempts FROM tasks WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", taskId);
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        return (r.GetString(0), r.GetInt64(1));
    }

    [Fact]
    public async Task A_second_server_on_the_same_sqlite_folder_refuses_to_start_and_leaves_the_first_ones_running_task_alone()
    {
        await using var first = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        var (_, body) = await first.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "long rock song, 3 minutes", model = "FUZZ-2.0 Pro", async = true });
        string taskId = body.GetProperty("task_id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (TaskState(first.Options.DatabasePath, taskId).State != "running" && DateTime.UtcNow < deadline) await Task.Delay(20);

        var refused = await Assert.ThrowsAsync<DataFolderInUseException>(() => ProducerServer.StartAsync(first.DataDir, token: first.Token));
        Assert.Contains("Another server is already running on the data folder", refused.Message);
        Assert.Contains("PostgreSQL", refused.Message);
        Assert.Equal(("running", 1L), TaskState(first.Options.DatabasePath, taskId));

        // Once the first has stopped, the folder is free.
        await first.StopAsync();
        await using var second = await ProducerServer.StartAsync(first.DataDir, token: first.Token);
        Assert.Equal(200, (await second.GetJsonAsync("/v1/balance")).Status);
    }

    [Fact]
    public async Task Serve_on_a_folder_in_use_exits_with_a_sentence_saying_why()
    {
        string data = Directory.CreateTempSubdirectory("producer-lock-").FullName;
        await using var first = await ServerProcess.StartAsync($"--workers 0 --data \"{data}\"");
        await using var second = await ServerProcess.StartAsync($"--workers 0 --data \"{data}\"", expectStart: false);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Another server is already running on the data folder", second.Output);
        Assert.DoesNotContain("   at ", second.Output);
    }
}
