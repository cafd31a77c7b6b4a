using System.Runtime;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// In-process workers: each loop claims the oldest pending task from the database and runs it. One more loop
/// takes only lyrics, which cost milliseconds and should not wait behind songs.
/// A running task holds a lease its worker renews. A task cut off by shutdown stays "running" in the database and
/// is picked up again at the next start (SQLite), or by any worker once its lease runs out (PostgreSQL).
/// </summary>
public sealed class TaskWorker(TaskStore store, IEnumerable<ITaskHandler> handlers, TaskSignals signals, ServerOptions options,
    WorkScheduler work, ILogger<TaskWorker> log, WorkerLoad load) : BackgroundService
{
    /// <summary>What a failed task says when nothing more specific applies.</summary>
    public const string FailedMessage = "The song could not be generated. Please try again.";

    private readonly ITaskHandler[] _handlers = [.. handlers];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No workers: this process only answers the API; others on the same database do the work.
        if (options.Workers == 0) return Task.CompletedTask;
        return Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => (string?)null).Append("lyrics")
            .Select(type => Task.Run(() => LoopAsync(type, stoppingToken), stoppingToken))
            .Append(Task.Run(() => SweepAsync(stoppingToken), stoppingToken)));
    }

    /// <summary>Now and then, tasks whose worker stopped renewing their lease (a process that died) go back to the queue.</summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(TaskStore.LeaseSeconds / 4));
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                foreach (var t in store.RecoverExpired(StartupRecovery.FailedResponse)) log.LogWarning("task {TaskId} failed: its worker was lost twice", t.Id);
                signals.WorkAvailable();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "could not recover expired tasks");
            }
        }
    }

    private async Task LoopAsync(string? type, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TaskRow? task;
            var wake = signals.NextWork;
            try
            {
                // The lyrics lane is not limited per application: its tasks take milliseconds.
                task = store.ClaimNext(type, type is null ? options.MaxRunningPerApplication : 0);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "could not claim a task");
                await TaskSignals.WaitForWorkAsync(wake, TimeSpan.FromSeconds(1), ct);
                continue;
            }
            if (task is null)
            {
                await TaskSignals.WaitForWorkAsync(wake, TimeSpan.FromSeconds(2), ct);
                continue;
            }
            try
            {
                await RunAsync(task, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Recording the end failed (the database was away): the task's lease runs out and it is taken over.
                log.LogError(e, "task {TaskId}: could not record its end", task.Id);
                await TaskSignals.WaitForWorkAsync(signals.NextWork, TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task RunAsync(TaskRow task, CancellationToken ct)
    {
        JsonObject response;
        string state;
        string? error = null;
        ITaskHandler? handler = null;
        // The job stops when the server does, or when the task stops being this claim's (its lease ran out and
        // another worker took it over).
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var running = load.Run();
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        try
        {
            // Below the disk reserve a task does not start: it fails and is refunded while that can still be recorded.
            if (DiskSpace.Low(options)) throw new UserInputException(DiskSpace.TaskMessage);
            var (kind, job) = TaskJob.Read(task.Job);
            handler = HandlerFor(kind);
            var progress = new StoredProgress(store, task.Id, task.Attempts);
            using var lease = new LeaseRenewal(store, task, lost, log);
            var jobCt = lost.Token;
            // On the work threads, below the priority of the threads that answer requests.
            JsonNode data = await work.Run(() => handler.RunAsync(task, job, progress, jobCt), jobCt);
            response = new JsonObject
            {
                ["success"] = true, ["task_id"] = task.Id, ["trace_id"] = task.TraceId, ["data"] = data,
            };
            state = TaskStates.Succeeded;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            if (!ct.IsCancellationRequested) log.LogWarning("task {TaskId} was taken over by another worker; this one stops", task.Id);
            return;
        }
        catch (Exception e)
        {
            // The reason goes to the log and the task row; the API answer stays free of internals.
            log.LogError(e, "task {TaskId} failed", task.Id);
            error = e.Message;
            // What was wrong with the request (or the song it made) is said; anything else stays generic.
            string message = DiskSpace.IsFull(e) ? DiskSpace.TaskMessage
                : e is UserInputException ? e.Message
                : handler?.FailedMessage(task) ?? FailedMessage;
            response = Json.ErrorBody(UserInputException.Answer(e, message), task.TraceId);
            response["task_id"] = task.Id;
            state = TaskStates.Failed;
        }
        // Only the claim that still holds the task records its end.
        if (!store.Finish(task.Id, state, Json.Write(response), error, task.Attempts))
            log.LogWarning("task {TaskId} finished here after another worker took it over; its result is dropped", task.Id);
        signals.ReportFinished(task.Id);
        // A song leaves several full-length float buffers on the large-object heap; with plenty of free memory the
        // GC would let them pile up across songs. Collecting once per song keeps the worker at one song's peak. Only the
        // last song running compacts: with another one still rendering, compacting would move that song's live buffers
        // (hundreds of MB) while every request waits, so the collection is a background one that only frees. A task
        // that made no song's worth of buffers (lyrics, a file already made) collects nothing: a compacting collection
        // stops every thread, and after a 25 ms stems answer it held the next request up by 1.7-2 s.
        if (GC.GetTotalAllocatedBytes() - allocatedBefore >= CollectAfterBytes)
        {
            if (load.Running <= 1)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
            else GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }
        if (task.CallbackUrl is not null) signals.CallbackDue();
    }

    /// <summary>What a task must have allocated (bytes, the whole process's while it ran) for the worker to collect after it: a short song's buffers.</summary>
    private const long CollectAfterBytes = 256L << 20;

    private ITaskHandler HandlerFor(string kind) =>
        _handlers.FirstOrDefault(h => h.Takes(kind)) ?? throw new InvalidOperationException($"no handler runs jobs of kind {kind}");

    /// <summary>
    /// Writes progress to the task row, at most once per step of 5%. The engine reports it from a work thread; the row
    /// is written on the pool (<see cref="RequestPriority"/>), one write at a time, the latest value last.
    /// </summary>
    private sealed class StoredProgress(TaskStore store, string taskId, int attempt) : IProgress<int>
    {
        private readonly Lock _gate = new();
        private int _last = -1;
        private int _pending = -1;
        private bool _writing;

        public void Report(int value)
        {
            lock (_gate)
            {
                if (value - _last < 5 && value != 100) return;
                _last = value;
                _pending = Math.Min(value, 99);
                if (_writing) return;
                _writing = true;
            }
            _ = RequestPriority.RunAsync(Write);
        }

        private void Write()
        {
            while (true)
            {
                int value;
                lock (_gate)
                {
                    if (_pending < 0)
                    {
                        _writing = false;
                        return;
                    }
                    (value, _pending) = (_pending, -1);
                }
                try
                {
                    store.SetProgress(taskId, attempt, value);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
                {
                    // Progress is a hint: a write that fails is not retried (the next report writes again).
                }
            }
        }
    }
}
