using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// The input lane: what a request points at and could be wrong (a cover image or a recording by URL: fetched and
/// checked) is dealt with here, before any rendering, by loops of its own, through the <see cref="ITaskInput"/> of
/// the job's kind. A slow or bad server holds one of these loops, never a song worker; a bad input fails the task,
/// refunded, without anything being rendered. A task whose inputs are ready goes back to the queue for the workers.
/// </summary>
public sealed class InputWorker(TaskStore store, TaskSignals signals, ServerOptions options, IEnumerable<ITaskInput> inputs, ILogger<InputWorker> log)
    : BackgroundService
{
    /// <summary>Fetches are network waits, not CPU: a few run side by side, so one slow server does not hold the rest.</summary>
    public const int Loops = 4;

    private readonly ITaskInput[] _inputs = [.. inputs];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Workers == 0) return Task.CompletedTask;
        return Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (store.ClaimInput() is { } task) await RunAsync(task, ct);
                else await signals.WaitForInputAsync(TimeSpan.FromSeconds(2), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The database was away: a claimed task's lease runs out and it is taken up again.
                log.LogError(e, "input lane step failed; trying again");
                await signals.WaitForInputAsync(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task RunAsync(TaskRow task, CancellationToken ct)
    {
        var (kind, job) = TaskJob.Read(task.Job);
        var input = _inputs.FirstOrDefault(i => i.Takes(kind)) ?? throw new InvalidOperationException($"no input lane for jobs of kind {kind}");
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var lease = new LeaseRenewal(store, task, lost, log);
        try
        {
            if (DiskSpace.Low(options)) throw new UserInputException(DiskSpace.TaskMessage);
            await input.PrepareAsync(task, job, lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // What was wrong with the input is said; anything else stays generic.
            string message = DiskSpace.IsFull(e) ? DiskSpace.TaskMessage
                : e is UserInputException ? e.Message : input.FailedMessage;
            if (e is UserInputException) log.LogInformation("task {TaskId}: {Reason}", task.Id, e.Message);
            else log.LogError(e, "task {TaskId}: preparing its input failed", task.Id);
            var response = Json.ErrorBody(UserInputException.Answer(e, message), task.TraceId);
            response["task_id"] = task.Id;
            if (store.Finish(task.Id, TaskStates.Failed, Json.Write(response), message, task.Attempts))
            {
                signals.ReportFinished(task.Id);
                if (task.CallbackUrl is not null) signals.CallbackDue();
            }
            return;
        }
        if (store.InputReady(task.Id, task.Attempts)) signals.WorkAvailable();
        else input.Discard(task);
    }
}
