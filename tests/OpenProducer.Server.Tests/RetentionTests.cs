using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>Retention: tasks, songs and files older than N days removed, by the server (hourly) or the disk command.</summary>
[Trait("Category", "Fast")]
public class RetentionTests
{
    /// <summary>A song stored as a finished one is, with a file in its folder; and a finished lyrics task.</summary>
    private static async Task<(string SongId, string Folder, string TaskId)> SongAndTask(ProducerServer server, TimeProvider? clock = null)
    {
        var db = new Database(server.Options.DatabasePath, clock);
        string app = (await new TokenStore(db).AuthenticateAsync(server.Token)).Caller!.ApplicationId;
        string id = Guid.NewGuid().ToString(), key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        string folder = Path.Combine(server.Options.FilesDir, key);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, id + ".m4a"), "audio");
        new SongStore(db).Insert(id, app, Guid.NewGuid().ToString(), key, JsonSerializer.Serialize(new { id, title = "Old" }), "{\"tempo\":90}", "{}");
        var (_, lyrics) = await server.PostJsonAsync("/producer/lyrics", new { prompt = "an old song" });
        return (id, folder, lyrics.GetProperty("task_id").GetString()!);
    }

    /// <summary>Moves a song and a task back in time.</summary>
    private static void Age(ProducerServer server, string songId, string taskId, double days)
    {
        using var c = new SqliteConnection($"Data Source={server.Options.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE songs SET created_at = created_at - $s WHERE id = $song; UPDATE tasks SET created_at = created_at - $s, finished_at = finished_at - $s WHERE id = $task";
        cmd.Parameters.AddWithValue("$s", days * 86400);
        cmd.Parameters.AddWithValue("$song", songId);
        cmd.Parameters.AddWithValue("$task", taskId);
        Assert.Equal(2, cmd.ExecuteNonQuery());
    }

    private static async Task<string[]> TaskIds(ProducerServer server) =>
        [.. (await server.GetJsonAsync("/v1/tasks")).Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    [Fact]
    public async Task The_disk_command_reports_use_and_reclaims_what_is_older_than_asked()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        var (old, folder, oldTask) = await SongAndTask(server);
        var (recent, recentFolder, recentTask) = await SongAndTask(server);
        Age(server, old, oldTask, days: 3);

        var (code, report, _) = await CommandLine.RunAsync($"disk --data \"{server.DataDir}\"");
        Assert.Equal(0, code);
        Assert.Matches(@"^database \d+\.\d MB \(2 tasks, 2 songs, \d+ free pages\); files \d+\.\d MB in 2 folders", report);
        // The kept audio is written in the background: the songs' masters are there, or on their way.
        Assert.Matches(@"\nkept audio \d+\.\d MB for [0-2] songs, within its budget of \d+ MB", report);

        (code, report, _) = await CommandLine.RunAsync($"disk --reclaim --older-than 2 --data \"{server.DataDir}\"");
        Assert.True(code == 0, report);
        Assert.Contains("removed what is older than 2 days: 1 tasks, 1 songs, 1 folders", report);
        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(recentFolder));
        Assert.Equal(404, (await server.GetJsonAsync("/v1/songs/" + old)).Status);
        Assert.Equal(200, (await server.GetJsonAsync("/v1/songs/" + recent)).Status);
        Assert.Equal([recentTask], await TaskIds(server));
    }

    [Fact]
    public async Task A_server_with_a_retention_setting_removes_what_is_older_when_it_starts()
    {
        var first = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        var (old, folder, oldTask) = await SongAndTask(server: first);
        var (_, recentFolder, recentTask) = await SongAndTask(first);
        Age(first, old, oldTask, days: 10);
        await first.StopAsync();

        await using var second = await ProducerServer.StartAsync(first.DataDir, o => o with { Workers = 1, RetentionDays = 7 }, first.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.Exists(folder) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(recentFolder));
        Assert.Equal([recentTask], await TaskIds(second));
        await first.DisposeAsync();
    }

    [Fact]
    public async Task The_hourly_sweep_removes_what_the_running_clock_has_made_older_than_the_retention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1, RetentionDays = 7 },
            replace: s => s.AddSingleton<TimeProvider>(clock));
        var (old, folder, oldTask) = await SongAndTask(server, clock);
        clock.Advance(TimeSpan.FromDays(5));
        var (recent, recentFolder, recentTask) = await SongAndTask(server, clock);
        // Five days on, the hourly sweeps have run and found nothing to remove.
        Assert.True(Directory.Exists(folder));

        clock.Advance(TimeSpan.FromDays(3));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.Exists(folder) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(404, (await server.GetJsonAsync("/v1/songs/" + old)).Status);
        Assert.True(Directory.Exists(recentFolder));
        Assert.Equal(200, (await server.GetJsonAsync("/v1/songs/" + recent)).Status);
        Assert.Equal([recentTask], await TaskIds(server));
        Assert.DoesNotContain(oldTask, await TaskIds(server));
    }
}
