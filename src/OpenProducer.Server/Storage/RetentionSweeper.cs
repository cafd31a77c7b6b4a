using OpenProducer.Server.Configuration;

namespace OpenProducer.Server.Storage;

/// <summary>
/// With <c>PRODUCER_RETENTION_DAYS</c> set, removes tasks, songs and files older than that, at start and then every
/// hour (<see cref="Retention"/>). Several processes on one database may all sweep: removing what is gone is nothing.
/// </summary>
public sealed class RetentionSweeper(Retention retention, ServerOptions options, TimeProvider time, ILogger<RetentionSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RetentionDays <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                var removed = retention.RemoveOlderThan(options.RetentionDays);
                if (removed.Tasks + removed.Songs + removed.Folders > 0)
                    log.LogInformation("retention ({Days} days): removed {Tasks} tasks, {Songs} songs, {Folders} folders", options.RetentionDays, removed.Tasks, removed.Songs, removed.Folders);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "retention sweep failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
