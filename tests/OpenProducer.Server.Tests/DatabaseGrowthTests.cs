using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Edit;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;
using Xunit.Abstractions;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The database attack: requests with the largest bodies the server accepts, each charged, failed and refunded
/// (a cover image that is not there), so they cost the caller nothing. What they leave in the database is bounded.
/// </summary>
public class DatabaseGrowthTests(ITestOutputHelper output)
{
    /// <summary>The database's size with everything in its main file (the write-ahead log checkpointed and emptied).</summary>
    private static long DatabaseBytes(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            cmd.ExecuteNonQuery();
        }
        return new FileInfo(path).Length;
    }

    [Fact]
    public async Task A_thousand_refunded_requests_with_the_largest_bodies_grow_the_database_by_less_than_5_MB()
    {
        var host = WebApplication.CreateSlimBuilder();
        host.WebHost.UseUrls("http://127.0.0.1:0");
        await using var images = host.Build();
        images.MapGet("/{name}", () => Results.NotFound());
        await images.StartAsync();

        await using var server = await ProducerServer.StartAsync(configure: o => o with { Workers = 1 });
        var db = new Database(server.Options.DatabasePath);
        // Enough to pay for every request at once: how fast the refunds come back (slow while the server is still
        // warming up) must not decide whether a request is accepted; the balance is whole again at the end.
        const long balance = 1_000_000;
        var app = new TokenStore(db).Create("attacker", balance);
        // A song of the application to cover (stored as the server stores one; the cover never gets to rendering).
        string song = Guid.NewGuid().ToString();
        new SongStore(db).Insert(song, app.ApplicationId, Guid.NewGuid().ToString(), new string('c', 32),
            JsonSerializer.Serialize(new { id = song, title = "Song", sound = "pop", lyric = "[Instrumental]", duration = "30" }), "{}",
            JsonSerializer.Serialize(new SongRecipe(new CompositionRequest { Prompt = "pop", Seed = 3, Instrumental = true }, null)));
        long before = DatabaseBytes(server.Options.DatabasePath);

        string Body(int i)
        {
            string head = JsonSerializer.Serialize(new
            {
                action = "cover_music", audioId = song, sounds = new[] { new { text = "jazz with a warm upright bass", strength = 0.8 } },
                coverArtUrl = $"{images.Urls.First()}/cover-{i}.png", coverStrength = 0.6, title = $"Cover {i}", async = true,
            });
            int room = 1024 * 1024 - Encoding.UTF8.GetByteCount(head) - 64;
            return head[..^1] + ",\"junk\":" + TaskStorageTests.Junk(room) + "}";
        }
        var ids = new string[1000];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            string body = Body(i);
            Assert.InRange(Encoding.UTF8.GetByteCount(body), 1024 * 1024 - 200, 1024 * 1024);
            using var response = await server.PostAsync("/producer/audios", body, app.Token);
            string text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            Assert.True(response.IsSuccessStatusCode, text);
            ids[i] = JsonDocument.Parse(text).RootElement.GetProperty("task_id").GetString()!;
        });
        var tasks = new TaskStore(db);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (ids.Any(tasks.IsActive) && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.All(ids, id => Assert.False(tasks.IsActive(id)));
        var rows = tasks.OfApplication(app.ApplicationId, 2000);
        Assert.Equal(1000, rows.Count);
        Assert.All(rows, t => Assert.True(t.Refunded && t.State == TaskStates.Failed));
        Assert.Equal(balance, (await server.GetJsonAsync("/v1/balance", app.Token)).Body.GetProperty("balance").GetInt64());

        long grown = DatabaseBytes(server.Options.DatabasePath) - before;
        output.WriteLine($"1,000 refunded requests of 1 MiB: the database grew by {grown / 1048576.0:0.00} MB ({grown / 1000.0:0} bytes a task)");
        Assert.True(grown < 5 * 1024 * 1024, $"grew by {grown / 1048576.0:0.00} MB");
    }
}
