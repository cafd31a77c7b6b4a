using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// Scale-out on a real PostgreSQL server: processes sharing one database and one files folder split the work (an
/// API-only process and a worker), claims never give one task to two workers, charges stay exact under concurrency,
/// and a task whose worker died is taken over once its lease runs out.
/// </summary>
public class PostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static TaskRow Pending(string app, double createdAt) => new()
    {
        Id = Guid.NewGuid().ToString(), ApplicationId = app, Type = "audios", TraceId = "t", State = TaskStates.Pending,
        Request = "{}", Job = "{}", SongId = Guid.NewGuid().ToString(), CreatedAt = createdAt, Charged = 10,
    };

    /// <summary>As if the time in <paramref name="column"/> (a lease) had passed a second ago.</summary>
    private static void Expire(Database db, string taskId, string column)
    {
        using var c = db.Open();
        Database.Exec(c, $"UPDATE tasks SET {column} = @t WHERE id = @id", ("@t", TimeProvider.System.UnixNow() - 1), ("@id", taskId));
    }

    [Fact]
    public async Task An_api_process_and_a_worker_process_share_the_database_and_the_files()
    {
        string url = postgres.NewDatabase();
        string shared = Directory.CreateTempSubdirectory("producer-shared-").FullName;
        await using var api = await ProducerServer.StartAsync(shared, o => o with { DatabaseUrl = url, Workers = 0 });
        await using var worker = await ProducerServer.StartAsync(shared, o => o with { DatabaseUrl = url, Workers = 1 }, token: api.Token);

        // The API process has no workers: the song it accepts is made by the other process.
        var (status, body) = await api.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "funk with slap bass, 30 seconds", instrumental = true, seed = 3 });
        Assert.True(status == 200, body.GetRawText());
        var item = body.GetProperty("data")[0];
        double duration = double.Parse(item.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        string file = await api.DownloadAsync(item.GetProperty("audio_url").GetString()!, ".m4a");
        Assert.Equal(duration, Media.Duration(file), 0.05);

        // Both processes see the song and the task; the files the worker wrote are served by either.
        var (_, record) = await worker.PostJsonAsync("/producer/tasks", new { action = "retrieve", id = body.GetProperty("task_id").GetString() });
        Assert.Equal("succeeded", record.GetProperty("response").GetProperty("data")[0].GetProperty("state").GetString());
        var (songStatus, _) = await worker.GetJsonAsync("/v1/songs/" + item.GetProperty("id").GetString());
        Assert.Equal(200, songStatus);

        // A worker's finish reaches the API process as a notification (its waiters wake without polling). The
        // worker is stopped while the task is queued and the API process starts listening for it.
        await worker.StopAsync();
        (status, body) = await api.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "ambient pads, 30 seconds", instrumental = true, seed = 4, async = true });
        Assert.Equal(200, status);
        string taskId = body.GetProperty("task_id").GetString()!;
        var notified = api.Services.GetRequiredService<TaskSignals>().Finished(taskId);
        await using var second = await ProducerServer.StartAsync(shared, o => o with { DatabaseUrl = url, Workers = 1 }, token: api.Token);
        Assert.Same(notified, await Task.WhenAny(notified, Task.Delay(TimeSpan.FromSeconds(90))));
        var done = await api.WaitForTaskAsync(taskId);
        Assert.True(done.GetProperty("response").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_against_a_balance_for_fifty_accept_exactly_fifty()
    {
        await using var server = await ProducerServer.StartAsync(configure: o => o with { DatabaseUrl = postgres.NewDatabase() });
        var app = new TokenStore(Database.For(server.Options)).Create("limited", 50);
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            server.PostJsonAsync("/producer/lyrics", new { prompt = $"song number {i}", async = true }, app.Token)));
        Assert.Equal(50, answers.Count(a => a.Status == 200));
        Assert.All(answers.Where(a => a.Status != 200), a => Assert.Equal("used_up", a.Body.GetProperty("error").GetProperty("code").GetString()));
        var (_, balance) = await server.GetJsonAsync("/v1/balance", app.Token);
        Assert.Equal(0, balance.GetProperty("balance").GetInt64());
        Assert.Equal(50, new TaskStore(Database.For(server.Options)).OfApplication(app.ApplicationId, 1000).Count);
    }

    [Fact]
    public async Task Concurrent_claims_from_many_workers_take_each_task_exactly_once()
    {
        string url = postgres.NewDatabase();
        var db = Database.Postgres(url);
        string app = new TokenStore(db).Create("a", null).ApplicationId;
        var store = new TaskStore(db);
        for (int i = 0; i < 200; i++) Assert.True(await store.InsertAsync(Pending(app, 1000 + i)));

        // Eight "processes", each with its own connection pool, claim until the queue is empty.
        var claimed = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var mine = new TaskStore(Database.Postgres(url));
            while (mine.ClaimNext() is { } t) claimed.Add(t.Id);
        })));
        Assert.Equal(200, claimed.Count);
        Assert.Equal(200, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_claims_keep_an_applications_running_cap()
    {
        string url = postgres.NewDatabase();
        var db = Database.Postgres(url);
        string app = new TokenStore(db).Create("a", null).ApplicationId;
        var store = new TaskStore(db);
        for (int i = 0; i < 10; i++) Assert.True(await store.InsertAsync(Pending(app, 1000 + i)));
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new TaskStore(Database.Postgres(url)).ClaimNext(maxRunning: 1))));
        Assert.Single(claims, c => c is not null);
    }

    [Fact]
    public async Task A_task_is_finished_and_refunded_once_and_only_by_the_claim_that_holds_it()
    {
        string url = postgres.NewDatabase();
        var db = Database.Postgres(url);
        var tokens = new TokenStore(db);
        var made = tokens.Create("a", 100);
        var store = new TaskStore(db);
        var task = Pending(made.ApplicationId, 1000);
        Assert.True(await store.InsertAsync(task));
        var claim = store.ClaimNext()!;
        // Two finishes at once (a worker's failure racing a sweep): one wins, the charge comes back once.
        var finishes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            new TaskStore(Database.Postgres(url)).Finish(task.Id, TaskStates.Failed, "{}", "x", claim.Attempts))));
        Assert.Single(finishes, f => f);
        Assert.Equal(100, tokens.Application(made.ApplicationId)!.Value.Balance);
        // A finished task cannot be finished again, by anyone.
        Assert.False(store.Finish(task.Id, TaskStates.Succeeded, "{}", null));

        // A worker whose task was taken over (re-queued and claimed again) finishes nothing and renews nothing.
        var other = Pending(made.ApplicationId, 2000);
        Assert.True(await store.InsertAsync(other));
        var first = store.ClaimNext()!;
        Expire(db, other.Id, "lease_until");
        store.RecoverExpired(StartupRecovery.FailedResponse);
        var second = store.ClaimNext()!;
        Assert.Equal(first.Attempts + 1, second.Attempts);
        Assert.False(store.Renew(other.Id, first.Attempts));
        Assert.False(store.Finish(other.Id, TaskStates.Succeeded, "{}", null, first.Attempts));
        Assert.True(store.Renew(other.Id, second.Attempts));
        Assert.True(store.Finish(other.Id, TaskStates.Succeeded, "{}", null, second.Attempts));
    }

    [Fact]
    public async Task A_task_whose_worker_died_is_taken_over_when_its_lease_runs_out_and_refunded_if_lost_twice()
    {
        var db = Database.Postgres(postgres.NewDatabase());
        var tokens = new TokenStore(db);
        var made = tokens.Create("a", 100);
        var store = new TaskStore(db);
        var task = Pending(made.ApplicationId, 1000);
        Assert.True(await store.InsertAsync(task));
        Assert.Equal(90, tokens.Application(made.ApplicationId)!.Value.Balance);

        Assert.Equal(task.Id, store.ClaimNext()!.Id);
        // A live lease is left alone.
        Assert.Empty(store.RecoverExpired(StartupRecovery.FailedResponse));
        Assert.Equal(TaskStates.Running, store.GetAny(task.Id)!.State);
        Expire(db, task.Id, "lease_until");
        Assert.Empty(store.RecoverExpired(StartupRecovery.FailedResponse));
        Assert.Equal(TaskStates.Pending, store.GetAny(task.Id)!.State);
        var again = store.ClaimNext()!;
        Assert.Equal(2, again.Attempts);
        Expire(db, task.Id, "lease_until");
        var failed = Assert.Single(store.RecoverExpired(StartupRecovery.FailedResponse));
        Assert.Equal(task.Id, failed.Id);
        var row = store.GetAny(task.Id)!;
        Assert.Equal(TaskStates.Failed, row.State);
        Assert.True(row.Refunded);
        Assert.Equal(100, tokens.Application(made.ApplicationId)!.Value.Balance);
        Assert.Equal(StartupRecovery.InterruptedMessage,
            JsonDocument.Parse(row.Response!).RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_callback_being_sent_by_another_process_is_left_alone_until_its_sending_lease_runs_out()
    {
        var db = Database.Postgres(postgres.NewDatabase());
        var store = new TaskStore(db);
        var task = Pending(new TokenStore(db).Create("a", null).ApplicationId, 1000) with { CallbackUrl = "http://example.com/hook" };
        Assert.True(await store.InsertAsync(task));
        store.Finish(task.Id, TaskStates.Succeeded, "{}", null);
        Assert.Equal(task.Id, store.NextDueCallback()!.Id);
        // Another process starting up, or sweeping, does not take a delivery in flight.
        store.RecoverCallbacks(all: false);
        Assert.Null(store.NextDueCallback());
        Expire(db, task.Id, "callback_next_at");
        store.RecoverCallbacks(all: false);
        Assert.Equal(task.Id, store.NextDueCallback()!.Id);
    }

    [Fact]
    public void A_postgres_url_is_read_with_its_user_password_port_and_database()
    {
        string url = postgres.NewDatabase();
        var db = Database.Postgres(url);
        Assert.True(db.IsPostgres);
        using var c = db.Open();
        Assert.Equal(new Uri(url).AbsolutePath.Trim('/'), ((NpgsqlConnection)c).Database);
        Assert.ThrowsAny<NpgsqlException>(() => Database.Postgres(url.Replace("producer@", "nobody:secret@")));
    }
}
