using System.Text.Json;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tests.Support;

namespace OpenProducer.Server.Tests;

/// <summary>
/// The path endpoint → queue → worker → handler → answer, with a stand-in in place of the engine: charges, refunds,
/// progress, what a running task shows and what a failure says, in milliseconds per song.
/// </summary>
[Trait("Category", "Fast")]
public class QueueTests
{
    [Fact]
    public async Task Work_wakes_every_waiting_worker_loop_and_a_loop_that_was_looking_when_it_came()
    {
        // The loops take different kinds of task (the lyrics lane, the others): a wake-up that reached only one of
        // them left the one whose task it was asleep until its poll ran out.
        var signals = new TaskSignals();
        var waiting = Enumerable.Range(0, 3).Select(_ => TaskSignals.WaitForWorkAsync(signals.NextWork, TimeSpan.FromMinutes(5), CancellationToken.None)).ToList();
        signals.WorkAvailable();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        // A loop takes its wake-up before it looks in the database: work that arrives while it looks wakes it at once.
        var looking = signals.NextWork;
        signals.WorkAvailable();
        Assert.True(looking.IsCompleted);
        Assert.False(signals.NextWork.IsCompleted);
    }

    private static async Task<long> Balance(ProducerServer server, string token) =>
        (await server.GetJsonAsync("/v1/balance", token)).Body.GetProperty("balance").GetInt64();

    [Fact]
    public async Task A_song_request_runs_on_a_worker_through_its_handler_and_keeps_its_charge()
    {
        var standIn = new StandInSongs();
        await using var server = await ProducerServer.StartFastAsync(standIn);
        var app = new TokenStore(Database.For(server.Options)).Create("paying", 100);

        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "a waltz", async = true }, app.Token);
        Assert.Equal(200, status);
        var record = await server.WaitForTaskAsync(body.GetProperty("task_id").GetString()!, TimeSpan.FromSeconds(20), app.Token);

        var response = record.GetProperty("response");
        Assert.True(response.GetProperty("success").GetBoolean());
        Assert.Equal("a waltz", response.GetProperty("data")[0].GetProperty("prompt").GetString());
        Assert.Equal(["generate"], standIn.Ran);
        Assert.Equal(90, await Balance(server, app.Token));
    }

    [Fact]
    public async Task A_task_its_handler_fails_is_refunded_and_says_so_without_internals()
    {
        var standIn = new StandInSongs { Fail = true };
        await using var server = await ProducerServer.StartFastAsync(standIn);
        var app = new TokenStore(Database.For(server.Options)).Create("paying", 100);

        var (status, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "a waltz" }, app.Token);

        Assert.Equal(500, status);
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(TaskWorker.FailedMessage, body.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain("stand-in", body.GetRawText());
        Assert.Equal(100, await Balance(server, app.Token));
        var row = new TaskStore(Database.For(server.Options)).GetAny(body.GetProperty("task_id").GetString()!)!;
        Assert.Equal(TaskStates.Failed, row.State);
        Assert.True(row.Refunded);
    }

    [Fact]
    public async Task A_running_task_shows_its_progress_and_is_not_finished_until_its_handler_returns()
    {
        var standIn = new StandInSongs { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var server = await ProducerServer.StartFastAsync(standIn);
        var (_, body) = await server.PostJsonAsync("/producer/audios", new { action = "generate", prompt = "a waltz", async = true });
        string id = body.GetProperty("task_id").GetString()!;
        var store = new TaskStore(Database.For(server.Options));

        TaskRow? running = null;
        for (int i = 0; i < 100 && running?.Progress != 50; i++)
        {
            await Task.Delay(50);
            running = store.GetAny(id);
        }
        Assert.Equal(TaskStates.Running, running!.State);
        Assert.Equal(50, running.Progress);
        var (_, shown) = await server.PostJsonAsync("/producer/tasks", new { action = "retrieve", id });
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("finished_at").ValueKind);

        standIn.Gate.SetResult();
        var done = await server.WaitForTaskAsync(id, TimeSpan.FromSeconds(20));
        Assert.True(done.GetProperty("response").GetProperty("success").GetBoolean());
        Assert.Equal(TaskStates.Succeeded, store.GetAny(id)!.State);
    }
}
