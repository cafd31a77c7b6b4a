using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Client.Core;

namespace OpenProducer.Client.Tasks;

/// <summary>Tasks: one or many by id (<c>/producer/tasks</c>), and the caller's tasks page by page (<c>GET /v1/tasks</c>).</summary>
public sealed class TasksClient
{
    private readonly ProducerPipeline _pipeline;

    internal TasksClient(ProducerPipeline pipeline) => _pipeline = pipeline;

    /// <summary>One task; null when there is no such task of the caller's (the API answers an empty object).</summary>
    public async Task<ProducerTask?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var answer = await _pipeline.PostAsync("producer/tasks", new JsonObject { ["action"] = "retrieve", ["id"] = id }, cancellationToken)
            .ConfigureAwait(false);
        return answer.TryGetProperty("id", out _) ? ProducerPipeline.Read<ProducerTask>(answer) : null;
    }

    /// <summary>Several tasks (at most 100), in the order asked; unknown ids are left out.</summary>
    public async Task<IReadOnlyList<ProducerTask>> GetManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        var answer = await _pipeline.PostAsync("producer/tasks", new JsonObject { ["action"] = "retrieve_batch", ["ids"] = list }, cancellationToken)
            .ConfigureAwait(false);
        return ProducerPipeline.Read<List<ProducerTask>>(answer.GetProperty("items"));
    }

    /// <summary>A page of the caller's tasks, newest first (<c>GET /v1/tasks</c>, the server's extension).</summary>
    public async Task<TaskPage> ListAsync(TaskListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder("v1/tasks");
        char sep = '?';
        void Add(string name, string? value)
        {
            if (value is null) return;
            query.Append(sep).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            sep = '&';
        }
        Add("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("state", options?.State);
        Add("type", options?.Type);
        Add("before", options?.Before);
        var answer = await _pipeline.SendAsync(HttpMethod.Get, query.ToString(), null, cancellationToken).ConfigureAwait(false);
        return new TaskPage(
            ProducerPipeline.Read<List<ProducerTask>>(answer.GetProperty("items")),
            answer.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null);
    }
}
