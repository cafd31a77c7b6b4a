using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OpenProducer.Server.Accounts;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Files;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Storage;
using OpenProducer.Server.Tasks;

namespace OpenProducer.Server.Mcp;

/// <summary>
/// Runs a tool's request the way its HTTP endpoint does: the body the endpoint would be sent, read by the same
/// parser, accepted (checked, priced, charged and queued) by the same submission, run by the same handler. The tool
/// then waits for the task, as a synchronous HTTP request does, and answers with the task's record.
/// </summary>
public sealed class McpTaskRunner(IHttpContextAccessor accessor, TaskStore store, SongStore songs, TaskSignals signals, PriceTable prices,
    ServerOptions options, TimeProvider time, PublicUrls urls)
{
    /// <summary>How often a waiting tool re-reads its task (progress, or a finish another process recorded).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The HTTP request the tool call came in (stateless MCP answers each call within its request).</summary>
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("an MCP tool ran outside an HTTP request");

    public async Task<CallToolResult> RunAsync(ProducerRoute route, JsonObject body, IProgress<ProgressNotificationValue>? progress, CancellationToken ct)
    {
        var http = Http;
        using var document = JsonDocument.Parse(Json.Write(body));
        var (request, error) = AudioRequestParser.Parse(document.RootElement, route.Action);
        if (error is not null) return McpResults.Error(error, http.TraceId());
        var services = new TaskSubmission.Services(store, songs, signals, prices, options, time, urls);
        var (accepted, refusal) = await TaskSubmission.AcceptAsync(http, services, request!, route.Type, route.Job, taskId: null, needsInput: false, ct);
        if (refusal is not null) return McpResults.Error(refusal, http.TraceId());
        var (task, _, _, finished) = accepted!.Value;
        try
        {
            int reported = -1;
            while (true)
            {
                // The signal is the fast path; the periodic re-read reports progress and sees a finish recorded elsewhere.
                await Task.WhenAny(finished, Task.Delay(Poll, ct));
                ct.ThrowIfCancellationRequested();
                var row = await store.GetAsync(task.Id, task.ApplicationId, ct) ?? throw new InvalidOperationException($"task {task.Id} is gone");
                if (row.Finished) return await ResultAsync(row, ct);
                if (row.Progress == reported) continue;
                reported = row.Progress;
                progress?.Report(new ProgressNotificationValue { Progress = row.Progress, Total = 100, Message = $"task {row.Id} {row.State}, {row.Progress}%" });
            }
        }
        finally
        {
            signals.Forget(task.Id);
        }
    }

    /// <summary>One of the caller's tasks as it stands; an unknown id, or another application's, is a bad task_id.</summary>
    public async Task<CallToolResult> ReadAsync(string taskId, CancellationToken ct)
    {
        var http = Http;
        var row = string.IsNullOrWhiteSpace(taskId) || taskId.Length > 100 ? null : await store.GetAsync(taskId.Trim(), http.Caller().ApplicationId, ct);
        return row is null ? McpResults.Error(ProducerError.Invalid("task_id"), http.TraceId()) : await ResultAsync(row, ct);
    }

    /// <summary>The task's record as <c>/producer/tasks</c> answers it, with each song's details (tempo, key, sections).</summary>
    private async Task<CallToolResult> ResultAsync(TaskRow row, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer)) TaskRecord.Write(writer, row, time.UnixNow(), urls);
        var record = JsonNode.Parse(buffer.ToArray())!.AsObject();
        var details = new Dictionary<string, JsonObject>();
        foreach (var id in McpResults.SongIds(record))
            if (await songs.DetailsAsync(id, row.ApplicationId, ct) is { } text && JsonNode.Parse(text) is JsonObject d) details[id] = d;
        return McpResults.Task(row, record, details);
    }
}
