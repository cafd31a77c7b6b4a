using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>Runs before the workers start: tasks a previous process left running are re-queued or failed.</summary>
public sealed class StartupRecovery(TaskStore store, TaskSignals signals, Database db, Configuration.ServerOptions options, ILogger<StartupRecovery> log) : IHostedService
{
    public const string InterruptedMessage = "The task was interrupted by server restarts and could not be finished. Please submit it again.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On a shared PostgreSQL database other processes' tasks are running: only expired leases say a task was lost,
        // and only files older than any task takes are leftovers.
        int removed = LeftoverFiles.Clean(options, store, db.IsPostgres ? TimeSpan.FromHours(1) : TimeSpan.Zero);
        if (removed > 0) log.LogInformation("removed {Count} files and folders left by interrupted tasks", removed);
        if (db.IsPostgres) return Task.CompletedTask;
        var failed = store.RecoverInterrupted(FailedResponse);
        foreach (var t in failed) log.LogWarning("task {TaskId} failed after repeated interruptions", t.Id);
        signals.WorkAvailable();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The answer of a task given up after losing its worker twice.</summary>
    public static string FailedResponse(TaskRow t)
    {
        var body = Json.ErrorBody(ProducerError.ApiError(InterruptedMessage), t.TraceId);
        body["task_id"] = t.Id;
        return Json.Write(body);
    }
}
