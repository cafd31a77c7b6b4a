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

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode Others => UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_and_database_are_readable_by_the_servers_user_only_even_when_made_before()
    {
        string data = Directory.CreateTempSubdirectory("producer-private-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        // As if made by the token command of an older version: world-readable.
        new TokenStore(new Database(Path.Combine(data, "producer.db"))).Create("early", null);
        File.SetUnixFileMode(Path.Combine(data, "producer.db"), (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);

        await using var server = await ProducerServer.StartAsync(data);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(data) & Others);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(server.Options.FilesDir) & Others);
        foreach (var file in Directory.EnumerateFiles(data, "producer.db*"))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Files_and_folders_left_by_killed_workers_are_removed_at_start_and_songs_are_kept()
    {
        string data = Directory.CreateTempSubdirectory("producer-leftovers-").FullName;
        string files = Path.Combine(data, "files"), inputs = Path.Combine(data, "inputs");
        string empty = Path.Combine(files, new string('1', 32)), half = Path.Combine(files, new string('2', 32)), song = Path.Combine(files, new string('3', 32));
        foreach (var d in new[] { empty, half, song, inputs }) Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(half, Guid.NewGuid() + ".m4a.part"), "half a song");
        File.WriteAllText(Path.Combine(song, Guid.NewGuid() + ".m4a"), "a song");
        File.WriteAllText(Path.Combine(inputs, Guid.NewGuid() + ".jpg"), "a cover whose task is gone");

        await using var server = await ProducerServer.StartAsync(data);
        Assert.False(Directory.Exists(empty));
        Assert.False(Directory.Exists(half));
        Assert.Single(Directory.GetFiles(song));
        Assert.Empty(Directory.GetFiles(inputs));
    }
}
