using System.Text.Json.Nodes;
using OpenProducer.Engine.Lyrics;
using OpenProducer.Server.Queue;
using OpenProducer.Server.Requests;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Lyrics;

/// <summary>
/// <c>/producer/lyrics</c>: a whole sheet for the prompt, from the configured chat endpoint or the built-in writer
/// (always the fallback). The built-in writer is deterministic: the same prompt and seed give the same sheet.
/// </summary>
public sealed class LyricsJob(ChatLyricWriter chat) : ITaskHandler
{
    public bool Runs(TaskRow task) => AudioRequest.Of(task).Action == "lyrics";

    public string FailedMessage(TaskRow task) => task.Type == "lyrics" ? "The lyrics could not be written. Please try again." : TaskWorker.FailedMessage;

    public Task<JsonNode> RunAsync(TaskRow task, IProgress<int> progress, CancellationToken ct) => RunAsync(AudioRequest.Of(task), ct);

    public async Task<JsonNode> RunAsync(AudioRequest r, CancellationToken ct)
    {
        var sheet = await chat.WriteAsync(r.Prompt, r.Seed, ct) ?? SheetWriter.WriteSheet(r.Prompt, r.Seed);
        // The OpenAPI file names the text "text"; the published guide calls it "lyrics": both carry it.
        return new JsonObject
        {
            ["text"] = sheet.Text,
            ["title"] = sheet.Title,
            ["status"] = "complete",
            ["lyrics"] = sheet.Text,
        };
    }
}
