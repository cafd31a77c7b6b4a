using System.Text.Json;
using System.Text.Json.Nodes;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Tests.Support;

/// <summary>
/// Stands in for the handlers that render (songs, their edits and their files) in the fast tests: a task finishes
/// as soon as a worker takes it, with one item in a song's shape, or fails when told to. It keeps what it ran.
/// </summary>
public sealed class StandInSongs : ITaskHandler
{
    private readonly List<string> _ran = [];

    /// <summary>While set, every task fails as an engine failure would.</summary>
    public bool Fail { get; set; }

    /// <summary>Held until released: tasks wait here, running, so a test can look at them mid-way.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>The actions run so far, in order.</summary>
    public IReadOnlyList<string> Ran { get { lock (_ran) return [.. _ran]; } }

    public bool Takes(string kind) => kind != "lyrics";

    public string FailedMessage(TaskRow task) => TaskWorker.FailedMessage;

    public async Task<JsonNode> RunAsync(TaskRow task, JsonElement job, IProgress<int> progress, CancellationToken ct)
    {
        // Song jobs and song-file jobs both name their action; only songs have a prompt.
        string action = job.GetProperty("Action").GetString()!;
        string prompt = job.TryGetProperty("Prompt", out var p) ? p.GetString()! : "";
        lock (_ran) _ran.Add(action);
        progress.Report(50);
        if (Gate is { } gate) await gate.Task.WaitAsync(ct);
        if (Fail) throw new InvalidOperationException("the stand-in engine failed, as told");
        return new JsonArray(new JsonObject { ["id"] = task.SongId, ["state"] = "succeeded", ["prompt"] = prompt });
    }
}
