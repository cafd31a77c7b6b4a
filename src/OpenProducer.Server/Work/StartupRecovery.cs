using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Work;

/// <summary>Runs before the workers start: tasks a previous process left running are re-queued or failed.</summary>
public sealed class StartupRecovery(TaskStore store, TaskSignals signals, ILogger<StartupRecovery> log) : IHostedService
{
    public const string InterruptedMessage = "The task was interrupted by server restarts and could not be finished. Please submit it again.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var failed = store.RecoverInterrupted(t =>
        {
            var body = Json.ErrorBody(ProducerError.ApiError(InterruptedMessage), t.TraceId);
            body["task_id"] = t.Id;
            return Json.Write(body);
        });
        foreach (var t in failed) log.LogWarning("task {TaskId} failed after repeated interruptions", t.Id);
        signals.WorkAvailable();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
