using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>The general balance, retention and the disk command on a real PostgreSQL server.</summary>
public class PostgresAccountTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task General_balance_charges_and_refunds_are_exact_under_concurrency_on_postgres()
    {
        var db = Database.Postgres(postgres.NewDatabase());
        var app = new TokenStore(db).Create("app", 0);
        var owners = new OwnerStore(db);
        string owner = owners.Create("owner", 50);
        Assert.Null(owners.SetGeneral(app.ApplicationId, owner, allow: true));
        var store = new TaskStore(db);
        var accepted = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var t = new TaskRow
            {
                Id = Guid.NewGuid().ToString(), ApplicationId = app.ApplicationId, Type = "audios", TraceId = "t", State = TaskStates.Pending,
                Request = "{}", Job = "{}", SongId = Guid.NewGuid().ToString(), CreatedAt = TimeProvider.System.UnixNow(), Charged = 10,
            };
            if (await store.InsertAsync(t, ct)) accepted.Add(t.Id);
        });
        Assert.Equal(5, accepted.Count);
        Assert.Equal(0, owners.For(app.ApplicationId).Credits);
        foreach (var id in accepted.Take(2)) Assert.True(store.Finish(id, TaskStates.Failed, "{}", "failed"));
        Assert.Equal(20, owners.For(app.ApplicationId).Credits);
    }

    [Fact]
    public async Task The_disk_command_reports_and_reclaims_on_postgres()
    {
        string url = postgres.NewDatabase();
        string data = Directory.CreateTempSubdirectory("producer-pgdisk-").FullName;
        var db = Database.Postgres(url);
        new TokenStore(db).Create("app", null);
        var (code, output, error) = await CommandLine.RunAsync($"disk --reclaim --older-than 1 --database \"{url}\" --data \"{data}\"");
        Assert.True(code == 0, output + error);
        Assert.Matches(@"database \d+\.\d MB \(0 tasks, 0 songs", output);
        Assert.Contains("removed what is older than 1 days: 0 tasks, 0 songs, 0 folders", output);
    }
}
