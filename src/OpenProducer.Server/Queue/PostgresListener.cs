using Npgsql;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// On a shared PostgreSQL database, turns other processes' notifications into this process's wake-ups: new work
/// wakes its workers, a finished task wakes a synchronous caller waiting here for it (and the callback sender).
/// Polling stays as the fallback; this only makes the hand-over immediate. Reconnects after a lost connection.
/// </summary>
public sealed class PostgresListener(Database db, TaskSignals signals, ILogger<PostgresListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.PostgresSource is not { } source) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var c = await source.OpenConnectionAsync(stoppingToken);
                c.Notification += (_, e) =>
                {
                    if (e.Channel == Database.WorkChannel)
                    {
                        signals.WorkAvailable();
                        signals.InputAvailable();
                    }
                    else if (e.Channel == Database.FinishedChannel)
                    {
                        signals.ReportFinished(e.Payload);
                        signals.CallbackDue();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Database.WorkChannel}; LISTEN {Database.FinishedChannel}", c))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested) await c.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("lost the notification connection ({Reason}); polling until it is back", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
