using System.Globalization;
using System.Text;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Outbound;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Queue;

/// <summary>
/// Delivers finished tasks to their callback_url: POSTs the same JSON a synchronous call returns, signed with the
/// application's secret (<see cref="CallbackSignature"/>), retrying with exponential backoff while the receiver
/// fails. Every attempt is logged on the task row.
/// </summary>
public sealed class CallbackDispatcher(TaskStore store, TokenStore tokens, TaskSignals signals, ServerOptions options, IHttpClientFactory clients,
    Database db, ILogger<CallbackDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Alone on SQLite, anything left "sending" was cut off by the last stop; on a shared database, another
        // process may be sending it right now, so only expired sending leases are taken back (also as time goes on).
        bool all = !db.IsPostgres;
        double lastSweep = double.NegativeInfinity;
        while (!stoppingToken.IsCancellationRequested)
        {
            // A database that is away for a moment must not stop the sender: the step is logged and tried again
            // (a delivery cut off mid-way keeps its sending lease and is taken up again when it runs out).
            try
            {
                if (db.Time.UnixNow() - lastSweep > TaskStore.CallbackLeaseSeconds / 4)
                {
                    store.RecoverCallbacks(all);
                    (all, lastSweep) = (false, db.Time.UnixNow());
                }
                if (store.NextDueCallback() is { } task)
                {
                    await DeliverAsync(task, stoppingToken);
                    continue;
                }
                double? due = store.NextCallbackDue();
                var wait = due is double d ? TimeSpan.FromSeconds(Math.Clamp(d - db.Time.UnixNow(), 0.05, 2)) : TimeSpan.FromSeconds(2);
                await signals.WaitForCallbacksAsync(wait, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "callback delivery step failed; trying again");
                await signals.WaitForCallbacksAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(TaskRow task, CancellationToken ct)
    {
        int attempt = task.CallbackAttempts + 1;
        string outcome;
        bool ok = false;
        try
        {
            using var client = clients.CreateClient("callbacks");
            string body = task.Response ?? "{}";
            using var request = new HttpRequestMessage(HttpMethod.Post, task.CallbackUrl)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in CallbackSignature.Headers(tokens.CallbackSecret(task.ApplicationId), body, DateTimeOffset.UtcNow))
                request.Headers.Add(name, value);
            // Only the status matters: the receiver's body is not read.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            ok = response.IsSuccessStatusCode;
            outcome = $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            store.RecordCallback(task.Id, "pending", task.CallbackAttempts, db.Time.UnixNow(), $"{Stamp()} attempt {attempt}: interrupted by shutdown");
            return;
        }
        catch (Exception e) when (UrlGuard.RefusalIn(e) is { } refusal)
        {
            // Another address will not make it acceptable: no retry.
            store.RecordCallback(task.Id, "failed", attempt, null, $"{Stamp()} attempt {attempt}: refused ({refusal.Message}); giving up");
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcome = e is TaskCanceledException ? "timed out" : $"failed to connect ({e.Message})";
        }
        string line = $"{Stamp()} attempt {attempt}: {outcome}";
        if (ok)
            store.RecordCallback(task.Id, "delivered", attempt, null, line);
        else if (attempt >= options.CallbackMaxAttempts)
            store.RecordCallback(task.Id, "failed", attempt, null, line + "; giving up");
        else
        {
            double delay = options.CallbackRetryBaseSeconds * Math.Pow(2, attempt - 1);
            store.RecordCallback(task.Id, "pending", attempt, db.Time.UnixNow() + delay, line + $"; retrying in {delay:0.#} s");
        }
    }

    private static string Stamp() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
