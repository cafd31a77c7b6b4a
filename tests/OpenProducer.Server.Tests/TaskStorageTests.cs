using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>What a task stores of its request, and what its record shows of it.</summary>
[Trait("Category", "Fast")]
public class TaskStorageTests
{
    /// <summary>About 1 MB of a field nobody reads: <c>"junk":[0,0,…]</c>, as the attack sent it.</summary>
    internal static string Junk(int bytes) => "[" + string.Join(",", Enumerable.Repeat("0", bytes / 2)) + "]";

    internal static long StoredBytes(ProducerServer server, string taskId)
    {
        using var c = new SqliteConnection($"Data Source={server.Options.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT length(request) + length(job) + COALESCE(length(response), 0) FROM tasks WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", taskId);
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_task_keeps_only_the_fields_it_read_normalised_however_large_the_body_was()
    {
        // No workers: the task waits, so what is stored is what submission stored.
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 0 });
        string body = "{\"action\":\"generate\",\"prompt\":\"calm piano\",\"junk\":" + Junk(1_000_000) + ",\"weirdness\":\"0.25\",\"async\":true,\"extra\":{\"a\":[1,2,3]}}";
        Assert.InRange(body.Length, 1_000_000, 1024 * 1024 - 1);
        using var response = await server.PostAsync("/producer/audios", body);
        Assert.Equal(200, (int)response.StatusCode);
        string taskId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("task_id").GetString()!;

        using var record = await server.PostAsync("/producer/tasks", JsonSerializer.Serialize(new { action = "retrieve", id = taskId }));
        string text = await record.Content.ReadAsStringAsync();
        var request = JsonDocument.Parse(text).RootElement.GetProperty("request");
        Assert.Equal("""{"action":"generate","prompt":"calm piano","weirdness":0.25,"async":true}""", request.GetRawText());
        Assert.InRange(text.Length, 1, 4_000);
        Assert.InRange(StoredBytes(server, taskId), 1, 4_000);
    }

    [Fact]
    public async Task A_finished_task_no_longer_keeps_the_job_its_worker_ran()
    {
        await using var server = await ProducerServer.StartAsync();
        var (status, body) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "a song about the harbour at dawn" });
        Assert.Equal(200, status);
        string taskId = body.GetProperty("task_id").GetString()!;
        using var c = new SqliteConnection($"Data Source={server.Options.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT job, request FROM tasks WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", taskId);
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal("", r.GetString(0));
        Assert.Equal("""{"prompt":"a song about the harbour at dawn"}""", r.GetString(1));
    }

    [Fact]
    public async Task Tasks_waiting_in_the_shape_stored_before_jobs_named_their_kind_run_after_an_upgrade()
    {
        // Three tasks wait (no workers); their jobs are then put back in the old shape: the bare request.
        string dataDir, token;
        var ids = new Dictionary<string, string>();
        await using (var waiting = await ProducerServer.StartFastAsync(configure: o => o with { Workers = 0 }))
        {
            (dataDir, token) = (waiting.DataDir, waiting.Token);
            foreach (var (path, body) in new (string, object)[]
            {
                ("/producer/audios", new { action = "generate", prompt = "rain on a tin roof", async = true }),
                ("/producer/lyrics", new { prompt = "rain on a tin roof", async = true }),
            })
            {
                var (status, accepted) = await waiting.PostJsonAsync(path, body);
                Assert.Equal(200, status);
                ids[path] = accepted.GetProperty("task_id").GetString()!;
            }
            using var c = new SqliteConnection($"Data Source={waiting.Options.DatabasePath};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            // A song's job was its request then as now; a lyrics job was the whole request too.
            cmd.CommandText = "UPDATE tasks SET job = CASE WHEN type = 'lyrics' THEN $lyrics ELSE json_extract(job, '$.job') END";
            cmd.Parameters.AddWithValue("$lyrics", JsonSerializer.Serialize(new AudioRequest
            {
                Action = "lyrics", Model = "chirp-v4", Prompt = "rain on a tin roof", SeedText = "7", Seed = 7,
            }));
            Assert.Equal(2, cmd.ExecuteNonQuery());
        }
        var standIn = new StandInSongs();
        await using var server = await ProducerServer.StartFastAsync(standIn, dataDir: dataDir, token: token);
        var song = await server.WaitForTaskAsync(ids["/producer/audios"]);
        Assert.True(song.TryGetProperty("response", out var r) && r.GetProperty("success").GetBoolean(), song.GetRawText());
        Assert.Equal("rain on a tin roof", song.GetProperty("response").GetProperty("data")[0].GetProperty("prompt").GetString());
        Assert.Equal(["generate"], standIn.Ran);
        var lyrics = await server.WaitForTaskAsync(ids["/producer/lyrics"]);
        Assert.True(lyrics.GetProperty("response").TryGetProperty("data", out var text), lyrics.GetRawText());
        Assert.StartsWith("[", text.GetProperty("text").GetString());
    }
}
